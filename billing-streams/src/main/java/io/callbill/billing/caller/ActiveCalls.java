package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.ActiveSessionInfo;
import io.callbill.billing.money.RateCard;

/** Views of an ongoing call. */
final class ActiveCalls {

  private ActiveCalls() {
  }

  /** The seed's active-call answer (also the data of a 409 on start). */
  static ActiveSessionInfo info(ActiveCall call) {
    return ActiveSessionInfo.newBuilder()
        .setCallId(call.getCallId())
        .setReceiverId(call.getReceiverId())
        .setCallType(call.getCallType())
        .setStartedAt(call.getStartedAt())
        .build();
  }

  /** The rates frozen at start. */
  static RateCard rates(ActiveCall call) {
    return new RateCard(call.getFemaleRatePerMinute(), call.getPlatformMarginPerMinute(),
        call.getAdminSharePercentage());
  }
}
