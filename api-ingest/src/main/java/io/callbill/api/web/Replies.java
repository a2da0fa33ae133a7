package io.callbill.api.web;

import io.callbill.api.web.reply.BalanceView;
import io.callbill.api.web.reply.ReplyData;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CommandReply;
import org.springframework.http.ResponseEntity;

/** HTTP answers from billing-streams' replies: the reply's status and the seed's envelope. */
public final class Replies {

  private Replies() {
  }

  public static ResponseEntity<ApiResponse> toResponse(CommandReply reply) {
    return toResponse(reply, ReplyData.of(reply.getData()));
  }

  /** For the wallet routes: a coin balance is answered as {@code {"balance": N}}. */
  public static ResponseEntity<ApiResponse> toBalanceResponse(CommandReply reply) {
    Object data = reply.getData() instanceof CoinBalance coins
        ? BalanceView.coins(coins.getCoinBalance())
        : ReplyData.of(reply.getData());
    return toResponse(reply, data);
  }

  private static ResponseEntity<ApiResponse> toResponse(CommandReply reply, Object data) {
    String message = reply.getMessage() == null || reply.getMessage().isEmpty() ? null : reply.getMessage();
    return ResponseEntity.status(reply.getHttpStatus())
        .body(new ApiResponse(reply.getSuccess(), message, data, null));
  }
}
