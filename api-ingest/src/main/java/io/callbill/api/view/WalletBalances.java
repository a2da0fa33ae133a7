package io.callbill.api.view;

import java.math.BigDecimal;

/**
 * Wallet balances of receivers, agencies and the platform, from the balances topic, read locally; 0 for a wallet
 * never credited. Throws {@link io.callbill.api.UnavailableException} while the local copy is still loading.
 */
public interface WalletBalances {

  BigDecimal receiver(String receiverId);

  BigDecimal agency(String agencyId);

  /** The platform's revenue: the sum of all its shards. */
  BigDecimal platform();
}
