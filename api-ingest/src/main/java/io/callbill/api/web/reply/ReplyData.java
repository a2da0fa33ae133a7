package io.callbill.api.web.reply;

import io.callbill.avro.ActiveSessionInfo;
import io.callbill.avro.CallProgress;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.EndShortfall;
import io.callbill.avro.RatingAccepted;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.RefundAccepted;
import io.callbill.avro.StartShortfall;
import io.callbill.avro.WalletBalance;
import java.time.Instant;

/**
 * The {@code data} of a reply as the seed writes it: field by field with the seed's names, decimals as plain JSON
 * numbers (trailing zeros dropped by the JSON mapper), timestamps as ISO-8601 strings.
 */
public final class ReplyData {

  private ReplyData() {
  }

  /** The JSON view of a reply's Avro data; null stays null. */
  public static Object of(Object data) {
    if (data == null) {
      return null;
    }
    if (data instanceof StartAccepted accepted) {
      return StartAcceptedView.of(accepted);
    }
    if (data instanceof ActiveSessionInfo session) {
      return ActiveSessionView.of(session);
    }
    if (data instanceof StartShortfall shortfall) {
      return StartShortfallView.of(shortfall);
    }
    if (data instanceof Settlement settlement) {
      return SettlementView.of(settlement);
    }
    if (data instanceof EndShortfall shortfall) {
      return EndShortfallView.of(shortfall);
    }
    if (data instanceof CoinBalance balance) {
      return new CoinBalanceView(balance.getCoinBalance());
    }
    if (data instanceof RatingAccepted rating) {
      return RatingAcceptedView.of(rating);
    }
    if (data instanceof CallProgress progress) {
      return CallProgressView.of(progress);
    }
    if (data instanceof RefundAccepted refund) {
      return new RefundAcceptedView(refund.getCallId(), refund.getCoins(), refund.getRefundedCoins(),
          refund.getCoinsLeft(), refund.getCallerBalance());
    }
    if (data instanceof WalletBalance wallet) {
      return new WalletBalanceView(wallet.getAccountKey(), wallet.getBalance());
    }
    throw new IllegalArgumentException("unknown reply data " + data.getClass().getName());
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
