package io.callbill.billing;

import java.util.Locale;

/** Where a measured call's billed time starts (callbill.metering.connect); only read under {@link Metering#MEASURED}. */
public enum MeteringConnect {
  /** When the receiver (or the platform) accepts: ringing is free, an unanswered call closes as missed. */
  ACCEPT,
  /** At the start command, ringing included: for apps that start a call only once it is connected. */
  START;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MeteringConnect fromConfig(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
