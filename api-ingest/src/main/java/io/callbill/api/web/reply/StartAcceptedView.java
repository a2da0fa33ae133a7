package io.callbill.api.web.reply;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callbill.avro.StartAccepted;
import java.math.BigDecimal;

/** data of a successful start, as the seed answers it (rates nested under levelConfig). */
public record StartAcceptedView(
    String callId,
    long maxSeconds,
    BigDecimal femaleRatePerSecond,
    BigDecimal platformRatePerSecond,
    BigDecimal malePayPerSecond,
    long callerCoinBalance,
    @JsonProperty("isAgencyFemale") boolean isAgencyFemale,
    int receiverLevel,
    LevelConfigView levelConfig) {

  /** The receiver level's rates that applied; platformMarginPerMinute is the one for this receiver. */
  public record LevelConfigView(BigDecimal audioRatePerMinute, BigDecimal videoRatePerMinute,
      BigDecimal platformMarginPerMinute) {
  }

  static StartAcceptedView of(StartAccepted start) {
    return new StartAcceptedView(start.getCallId(), start.getMaxSeconds(), start.getFemaleRatePerSecond(),
        start.getPlatformRatePerSecond(), start.getMalePayPerSecond(), start.getCallerCoinBalance(),
        start.getIsAgencyFemale(), start.getReceiverLevel(),
        new LevelConfigView(start.getAudioRatePerMinute(), start.getVideoRatePerMinute(),
            start.getPlatformMarginPerMinute()));
  }
}
