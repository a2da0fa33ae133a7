package io.callbill.api.web;

import io.callbill.api.web.reply.BalanceView;
import io.callbill.api.web.reply.ReplyData;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CommandReply;
import io.callbill.schemas.SeedAnswers;
import org.springframework.http.ResponseEntity;

/** HTTP answers from billing-streams' replies: the seed's status and envelope for the reply's reason. */
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

  /**
   * The seed's answer for the reply's reason, from {@link SeedAnswers} (the one table of statuses and messages). A
   * reply without a reason was written by a billing from before it (or kept since then): its own status and message
   * are the answer.
   */
  private static ResponseEntity<ApiResponse> toResponse(CommandReply reply, Object data) {
    if (reply.getReason() == null) {
      return answer(reply.getHttpStatus(), reply.getSuccess(), reply.getMessage(), data);
    }
    SeedAnswers.Answer seed = SeedAnswers.of(reply.getReason());
    return answer(seed.httpStatus(), seed.success(), seed.message().apply(reply.getData()), data);
  }

  private static ResponseEntity<ApiResponse> answer(int status, boolean success, String message, Object data) {
    String shown = message == null || message.isEmpty() ? null : message;
    return ResponseEntity.status(status).body(new ApiResponse(success, shown, data, null));
  }
}
