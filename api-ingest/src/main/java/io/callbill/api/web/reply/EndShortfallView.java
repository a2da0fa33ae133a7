package io.callbill.api.web.reply;

import io.callbill.avro.EndShortfall;

/** data of an end recorded as insufficient_coins: nothing charged. */
public record EndShortfallView(long required, long available, long shortfall, String callId) {

  static EndShortfallView of(EndShortfall shortfall) {
    return new EndShortfallView(shortfall.getRequired(), shortfall.getAvailable(), shortfall.getShortfall(),
        shortfall.getCallId());
  }
}
