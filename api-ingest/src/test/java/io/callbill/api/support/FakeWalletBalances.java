package io.callbill.api.support;

import io.callbill.api.view.WalletBalances;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Balances in memory, 0.00 when unknown. */
public final class FakeWalletBalances implements WalletBalances {

  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private final Map<String, BigDecimal> receivers = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> agencies = new ConcurrentHashMap<>();
  private volatile BigDecimal platform = ZERO;

  @Override
  public BigDecimal receiver(String receiverId) {
    return receivers.getOrDefault(receiverId, ZERO);
  }

  @Override
  public BigDecimal agency(String agencyId) {
    return agencies.getOrDefault(agencyId, ZERO);
  }

  @Override
  public BigDecimal platform() {
    return platform;
  }

  public void setReceiver(String receiverId, String balance) {
    receivers.put(receiverId, new BigDecimal(balance));
  }

  public void setAgency(String agencyId, String balance) {
    agencies.put(agencyId, new BigDecimal(balance));
  }

  public void setPlatform(String balance) {
    platform = new BigDecimal(balance);
  }

  public void reset() {
    receivers.clear();
    agencies.clear();
    platform = ZERO;
  }
}
