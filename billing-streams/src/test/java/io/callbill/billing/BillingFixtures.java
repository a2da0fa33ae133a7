package io.callbill.billing;

import io.callbill.avro.CommandReply;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.billing.testkit.CallbillTestDriver;
import java.util.HashMap;
import java.util.Map;

/** The seed's worked example as a starting point: level 1 audio 30/min, margin 12/min, caller with 840 coins. */
final class BillingFixtures {

  static final String CALLER = "caller-1";
  static final String RECEIVER = "receiver-1";
  static final String AGENCY_RECEIVER = "receiver-agency";
  static final String AGENCY = "agency-1";

  private BillingFixtures() {
  }

  static CallbillTestDriver workedExample(CallbillTestDriver billing) {
    billing.level(1, "30", "40", "12", "12")
        .receiver(RECEIVER, 1, null)
        .caller(CALLER);
    billing.credit(CALLER, 840, "purchase-1");
    return billing;
  }

  /** A config with {@code metering} and the given further keys and values. */
  static BillingConfig config(Metering metering, String... keysAndValues) {
    Map<String, String> values = new HashMap<>();
    values.put(BillingConfig.METERING, metering.configValue());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new BillingConfig(values);
  }

  static String callId(CommandReply startReply) {
    return ((StartAccepted) startReply.getData()).getCallId();
  }

  static StartAccepted accepted(CommandReply reply) {
    return (StartAccepted) reply.getData();
  }

  static Settlement settlement(CommandReply reply) {
    return (Settlement) reply.getData();
  }
}
