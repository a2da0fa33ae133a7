package io.callbill.proofs.load;

import io.callbill.testkit.oracle.BillingOracle.Charge;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generator's books: what this run credited and what its completed calls must have moved, per account, in
 * exact integers (caller coins; hundredths for receivers, agencies and the platform). Thread-safe.
 */
public final class ExpectedBalances {

  private final Map<String, Long> callerCoins = new TreeMap<>();
  private final Map<String, Long> receiverHundredths = new TreeMap<>();
  private final Map<String, Long> agencyHundredths = new TreeMap<>();
  private long platformHundredths;
  private long calls;
  private long coinsCharged;

  public synchronized void credit(String callerId, long coins) {
    callerCoins.merge(callerId, coins, Long::sum);
  }

  /** A completed call of {@code callerId} to {@code receiverId} (agency may be null). */
  public synchronized void settled(String callerId, String receiverId, String agencyId, Charge charge) {
    callerCoins.merge(callerId, -charge.totalCoins(), Long::sum);
    receiverHundredths.merge(receiverId, charge.femaleEarningHundredths(), Long::sum);
    if (agencyId != null) {
      agencyHundredths.merge(agencyId, charge.agencyHundredths(), Long::sum);
    }
    platformHundredths += charge.adminHundredths();
    calls++;
    coinsCharged += charge.totalCoins();
  }

  /** Change of each caller's coins over the run: credits minus charges. */
  public synchronized Map<String, Long> callerDeltas() {
    return new TreeMap<>(callerCoins);
  }

  public synchronized Map<String, Long> receiverDeltas() {
    return new TreeMap<>(receiverHundredths);
  }

  public synchronized Map<String, Long> agencyDeltas() {
    return new TreeMap<>(agencyHundredths);
  }

  public synchronized long platformDelta() {
    return platformHundredths;
  }

  public synchronized long calls() {
    return calls;
  }

  public synchronized long coinsCharged() {
    return coinsCharged;
  }
}
