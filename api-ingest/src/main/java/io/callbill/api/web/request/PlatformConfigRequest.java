package io.callbill.api.web.request;

import io.callbill.avro.PlatformConfig;
import java.math.BigDecimal;

/**
 * Body of {@code PUT /admin/platform-config}, a full replacement. {@code minCallCoins} defaults to 0 (no gate);
 * without {@code adminSharePercentage}, calls to agency receivers cannot be settled (the seed's rule).
 */
public record PlatformConfigRequest(Long minCallCoins, BigDecimal adminSharePercentage) {

  private static final BigDecimal HUNDRED = new BigDecimal("100");

  public PlatformConfig toPlatformConfig() {
    long minimum = minCallCoins == null ? 0 : Inputs.coins("minCallCoins", minCallCoins, 0);
    BigDecimal adminShare = adminSharePercentage == null ? null
        : Inputs.decimal("adminSharePercentage", adminSharePercentage, BigDecimal.ZERO, HUNDRED);
    return new PlatformConfig(minimum, adminShare);
  }
}
