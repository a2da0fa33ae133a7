package io.callbill.api.it;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link CallbillStack} for a whole test class, with the reference data of {@link BillingScenario#workedExample}:
 * started before the class's first test, closed after its last (also when the start failed half-way). Registered as
 * a static {@code @RegisterExtension} field; the tests reach the stack and the scenario through it.
 */
final class WorkedExampleStack implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<CallbillStack> start;
  private CallbillStack stack;
  private BillingScenario scenario;

  /** The stack with CallbillStack's default settings. */
  WorkedExampleStack() {
    this(CallbillStack::start);
  }

  /** The stack {@code start} builds, e.g. with other billing settings or API arguments. */
  WorkedExampleStack(Supplier<CallbillStack> start) {
    this.start = start;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    stack = start.get();
    scenario = BillingScenario.workedExample(stack);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    CallbillStack.stop(stack);
  }

  CallbillStack stack() {
    return stack;
  }

  BillingScenario scenario() {
    return scenario;
  }
}
