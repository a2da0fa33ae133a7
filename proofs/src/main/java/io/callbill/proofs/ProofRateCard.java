package io.callbill.proofs;

import io.callbill.avro.CallType;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.testkit.oracle.BillingOracle;
import java.math.BigDecimal;

/**
 * The rate card the crash run and the benchmarks publish (the seed's level 1: audio 30, video 40 coins a minute for
 * the receiver, 12 margin for agency and non-agency receivers alike, the platform keeping 60 % of an agency
 * receiver's margin), and the oracle that says what a call at it costs. Publishing and expecting read the same
 * figures, so a changed rate cannot leave a stale expectation behind.
 */
public final class ProofRateCard {

  public static final int LEVEL = 1;
  public static final BigDecimal AUDIO_RATE_PER_MINUTE = rate("30");
  public static final BigDecimal VIDEO_RATE_PER_MINUTE = rate("40");
  public static final BigDecimal MARGIN_PER_MINUTE = rate("12");
  public static final BigDecimal ADMIN_SHARE_PERCENTAGE = rate("60");

  private static final BigDecimal ALL_OF_IT = rate("100");

  private ProofRateCard() {
  }

  /** The level config record of {@link #LEVEL}, as billing reads it from the level-configs topic. */
  public static LevelConfig levelConfig() {
    return new LevelConfig(LEVEL, true, AUDIO_RATE_PER_MINUTE, VIDEO_RATE_PER_MINUTE,
        new PlatformMargin(MARGIN_PER_MINUTE, MARGIN_PER_MINUTE));
  }

  /** The platform config record: no minCallCoins, the admin share of an agency receiver's margin. */
  public static PlatformConfig platformConfig() {
    return new PlatformConfig(0L, ADMIN_SHARE_PERCENTAGE);
  }

  /** What a call of {@code type} to a receiver with or without an agency costs at this card. */
  public static BillingOracle oracle(CallType type, boolean agency) {
    return BillingOracle.of(type == CallType.video ? VIDEO_RATE_PER_MINUTE : AUDIO_RATE_PER_MINUTE,
        MARGIN_PER_MINUTE, agency ? ADMIN_SHARE_PERCENTAGE : ALL_OF_IT);
  }

  /** At the schemas' rate scale (4 decimals): the serializer (Avro's decimal conversion) refuses another scale. */
  private static BigDecimal rate(String value) {
    return new BigDecimal(value).setScale(4);
  }
}
