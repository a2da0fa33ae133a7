package io.callbill.billing;

/** Names of the topology's sink nodes; processors forward to them by name. */
public final class Sinks {

  public static final String REPLIES = "replies-sink";
  public static final String CALL_EVENTS = "call-events-sink";
  public static final String CALL_HISTORY = "call-history-sink";
  public static final String ACTIVE_CALLS = "active-calls-sink";
  public static final String LEDGER = "ledger-sink";
  public static final String BALANCES = "balances-sink";
  public static final String ACCOUNT_CREDITS = "account-credits-sink";

  private Sinks() {
  }
}
