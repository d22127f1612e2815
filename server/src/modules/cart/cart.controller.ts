import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Cart } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { CartService } from './cart.service';
import { CartItemDto, CartQuantityDto, CartQueryDto } from './dto/cart.dto';

/** Every change answers with the cart priced afresh (at the member's chosen store, if given). */
@ApiTags('cart')
@Controller('cart')
@Roles('customer')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  getCart(@CurrentPrincipal() principal: Principal, @Query() query: CartQueryDto): Promise<Cart> {
    return this.cart.getCart(principal.id, query.storeId);
  }

  @Post('items')
  async addCartItem(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CartItemDto,
    @Query() query: CartQueryDto,
  ): Promise<Cart> {
    await this.cart.addItem(principal.id, body);
    return this.cart.getCart(principal.id, query.storeId);
  }

  @Patch('items/:id')
  async setCartQuantity(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: CartQuantityDto,
    @Query() query: CartQueryDto,
  ): Promise<Cart> {
    await this.cart.setQuantity(principal.id, id, body.quantity);
    return this.cart.getCart(principal.id, query.storeId);
  }

  @Delete('items/:id')
  async removeCartItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Query() query: CartQueryDto,
  ): Promise<Cart> {
    await this.cart.removeItem(principal.id, id);
    return this.cart.getCart(principal.id, query.storeId);
  }
}
