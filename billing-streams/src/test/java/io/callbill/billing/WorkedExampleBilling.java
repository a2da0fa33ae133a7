package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.workedExample;

import io.callbill.billing.testkit.CallbillTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the topology tests that each run on a fresh driver holding the seed's worked example reference data, under
 * the clamp policy these tests were written for (pinned, whatever the default becomes).
 */
abstract class WorkedExampleBilling {

  CallbillTestDriver billing;

  @BeforeEach
  void startWorkedExample() {
    billing = workedExample(new CallbillTestDriver(BillingFixtures.config(Metering.CLAMP)));
  }

  @AfterEach
  void closeDriver() {
    billing.close();
  }
}
