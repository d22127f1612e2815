/** A notification WeChat must be told failed (4xx `{"code":"FAIL"}`); WeChat retries it later. */
export class NotificationRejected extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409,
    reason: string,
  ) {
    super(reason);
    this.name = 'NotificationRejected';
  }
}
