package io.callbill.api.web.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.callbill.avro.StartShortfall;
import java.math.BigDecimal;

/**
 * data of a start refused for balance. The minCallCoins gate answers only available and required (as the seed);
 * the 30-second minimum adds the rates, so absent ones are left out.
 */
@JsonInclude(Include.NON_NULL)
public record StartShortfallView(long available, long required, BigDecimal femaleRatePerSecond,
    BigDecimal platformRatePerSecond, BigDecimal malePayPerSecond, Integer minBillableSeconds) {

  static StartShortfallView of(StartShortfall shortfall) {
    return new StartShortfallView(shortfall.getAvailable(), shortfall.getRequired(),
        shortfall.getFemaleRatePerSecond(), shortfall.getPlatformRatePerSecond(), shortfall.getMalePayPerSecond(),
        shortfall.getMinBillableSeconds());
  }
}
