package io.callbill.billing;

import java.util.Locale;

/** Who decides how long a call was, and so what it costs (callbill.metering). */
public enum Metering {
  /**
   * Bill the time billing measured between the call's connect and its end (command record times), 30 s minimum,
   * never past maxSeconds; the client's claim is recorded and compared. Billing also settles calls itself: cutoff
   * at the balance, abandoned after the heartbeats stop, missed after the ring timeout, expiry at the TTL.
   */
  MEASURED,
  /** Bill min(claimed, measured + skew): the client cannot bill more time than the call lasted. */
  CLAMP,
  /** Bill the client's claimed duration, as the seed did. */
  REPORTED;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Metering fromConfig(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
