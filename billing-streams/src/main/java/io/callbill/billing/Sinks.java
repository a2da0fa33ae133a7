package io.callbill.billing;

/**
 * Names of the topology's sink nodes. Each processor has its own sinks: a sink shared by two processors would
 * merge their sub-topologies into one, and the caller side and the account side must stay independent (each is
 * partitioned by its own key and scales on its own).
 */
/* The output names below are the topics' base names (Topics), which the topology uses to name the sinks. */
public final class Sinks {

  public static final String REPLIES = "replies";
  public static final String CALL_EVENTS = "call-events";
  public static final String CALL_HISTORY = "call-history";
  public static final String ACTIVE_CALLS = "active-calls";
  public static final String LEDGER = "ledger";
  public static final String BALANCES = "balances";
  public static final String ACCOUNT_CREDITS = "account-credits";
  public static final String DEAD_LETTERS = "dead-letters";

  private Sinks() {
  }

  /** The sink of {@code processor} that writes to {@code output}, e.g. caller-commands-to-ledger. */
  public static String name(String processor, String output) {
    return processor + "-to-" + output;
  }
}
