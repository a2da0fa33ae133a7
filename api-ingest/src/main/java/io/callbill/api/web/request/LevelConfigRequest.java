package io.callbill.api.web.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callbill.api.web.BadRequestException;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformMargin;
import java.math.BigDecimal;

/**
 * Body of {@code PUT /admin/level-configs/{level}}, a full replacement. A missing call-type rate means calls of that
 * type are refused for the level.
 */
public record LevelConfigRequest(
    @JsonProperty("isActive") Boolean isActive,
    BigDecimal audioRatePerMinute,
    BigDecimal videoRatePerMinute,
    PlatformMarginRequest platformMarginPerMinute) {

  /** Platform margin per minute by whether the receiver belongs to an agency. */
  public record PlatformMarginRequest(BigDecimal agency, BigDecimal nonAgency) {
  }

  public LevelConfig toLevelConfig(int level) {
    if (platformMarginPerMinute == null) {
      throw new BadRequestException("platformMarginPerMinute",
          "platformMarginPerMinute is required: {\"agency\": ..., \"nonAgency\": ...}");
    }
    return new LevelConfig(level, Inputs.flag("isActive", isActive),
        Inputs.optionalRate("audioRatePerMinute", audioRatePerMinute),
        Inputs.optionalRate("videoRatePerMinute", videoRatePerMinute),
        new PlatformMargin(
            Inputs.rate("platformMarginPerMinute.agency", platformMarginPerMinute.agency()),
            Inputs.rate("platformMarginPerMinute.nonAgency", platformMarginPerMinute.nonAgency())));
  }
}
