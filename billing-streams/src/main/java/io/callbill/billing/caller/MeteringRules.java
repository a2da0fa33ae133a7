package io.callbill.billing.caller;

import io.callbill.billing.BillingConfig;
import io.callbill.billing.Metering;
import io.callbill.billing.MeteringConnect;
import java.time.Duration;

/**
 * The metering settings the caller side decides with: the policy, where a measured call connects, the skew and the
 * session's timeouts. A value: handlers and the deadline clock read it, nothing changes it.
 */
record MeteringRules(Metering metering, MeteringConnect connect, Duration clockSkew, Duration sessionTtl,
                     Duration ringTimeout, Duration cutoffWarning, Duration heartbeatTimeout) {

  static MeteringRules of(BillingConfig config) {
    return new MeteringRules(config.metering(), config.meteringConnect(), config.clockSkew(), config.sessionTtl(),
        config.ringTimeout(), config.cutoffWarning(), config.heartbeatTimeout());
  }

  boolean measured() {
    return metering == Metering.MEASURED;
  }

  /**
   * The call connects at its start: always under clamp and reported (the seed measures from the start), and under
   * measured with connect=start. Otherwise it connects when accepted.
   */
  boolean connectsAtStart() {
    return !measured() || connect == MeteringConnect.START;
  }
}
