package io.callbill.api.view;

import io.callbill.api.UnavailableException;
import io.callbill.avro.AccountBalance;
import io.callbill.schemas.AccountKeys;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;

/** {@link WalletBalances} over a {@link TopicView} of the balances topic (keys from {@link AccountKeys}). */
public final class KafkaWalletBalances implements WalletBalances {

  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private final TopicView<AccountBalance> balances;

  public KafkaWalletBalances(TopicView<AccountBalance> balances) {
    this.balances = balances;
  }

  @Override
  public BigDecimal receiver(String receiverId) {
    return balanceOf(AccountKeys.receiver(receiverId));
  }

  @Override
  public BigDecimal agency(String agencyId) {
    return balanceOf(AccountKeys.agency(agencyId));
  }

  @Override
  public BigDecimal platform() {
    requireReady();
    AtomicReference<BigDecimal> sum = new AtomicReference<>(ZERO);
    balances.forEach((accountKey, balance) -> {
      if (AccountKeys.isPlatform(accountKey)) {
        sum.accumulateAndGet(balance.getBalance(), BigDecimal::add);
      }
    });
    return sum.get();
  }

  private BigDecimal balanceOf(String accountKey) {
    requireReady();
    return balances.get(accountKey).map(AccountBalance::getBalance).orElse(ZERO);
  }

  private void requireReady() {
    if (!balances.isReady()) {
      throw new UnavailableException("The API is still loading wallet balances from Kafka; retry shortly.");
    }
  }
}
