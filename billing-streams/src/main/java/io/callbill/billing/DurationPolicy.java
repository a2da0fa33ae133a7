package io.callbill.billing;

import java.util.Locale;

/** Which duration a call is billed for. */
public enum DurationPolicy {
  /** Bill min(reported, measured + skew): the client cannot bill more time than the call lasted. */
  CLAMP,
  /** Bill the client's reported duration, as the seed did. */
  REPORTED;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DurationPolicy fromConfig(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
