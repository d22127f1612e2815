import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ErrorCode, type Cart } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { CartService } from './cart.service';
import { CartItemDto, CartQuantityDto, CartQueryDto, CartDto } from './dto/cart.dto';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';

/** Every change answers with the cart priced afresh (at the member's chosen store, if given). */
@ApiTags('cart')
@Controller('cart')
@Roles('customer')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  @ApiOperation({ summary: 'Get the cart, priced at the chosen store' })
  @ApiOkResponse({ type: CartDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  getCart(@CurrentPrincipal() principal: Principal, @Query() query: CartQueryDto): Promise<Cart> {
    return this.cart.getCart(principal.id, query.storeId);
  }

  @Post('items')
  @ApiOperation({ summary: 'Add a line to the cart' })
  @ApiCreatedResponse({ type: CartDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.SKU_NOT_FOUND,
    ErrorCode.SKU_OFF_SALE,
    ErrorCode.LENS_CONFIGURATION_INVALID,
  )
  async addCartItem(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CartItemDto,
    @Query() query: CartQueryDto,
  ): Promise<Cart> {
    await this.cart.addItem(principal.id, body);
    return this.cart.getCart(principal.id, query.storeId);
  }

  @Patch('items/:id')
  @ApiOperation({ summary: 'Change a cart line’s quantity' })
  @ApiOkResponse({ type: CartDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.CART_ITEM_NOT_FOUND)
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
  @ApiOperation({ summary: 'Remove a line from the cart' })
  @ApiOkResponse({ type: CartDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.CART_ITEM_NOT_FOUND)
  async removeCartItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Query() query: CartQueryDto,
  ): Promise<Cart> {
    await this.cart.removeItem(principal.id, id);
    return this.cart.getCart(principal.id, query.storeId);
  }
}
