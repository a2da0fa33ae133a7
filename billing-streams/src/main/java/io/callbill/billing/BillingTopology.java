package io.callbill.billing;

import io.callbill.schemas.CallbillSerdes;
import org.apache.kafka.streams.Topology;

/** Builds the settlement topology. Free of Spring and I/O. (Work in progress: the processors land next.) */
public final class BillingTopology {

  private BillingTopology() {
  }

  public static Topology build(BillingConfig config, CallbillSerdes serdes) {
    throw new UnsupportedOperationException("not built yet");
  }
}
