package io.callbill.schemas;

import io.callbill.avro.AccountType;

/**
 * Keys of wallets on the balances and account-credits topics: {@code userType:userId}. The platform account is split
 * into shards ({@code platform:platform#3}) so that no single key receives the credit of every call; its balance is
 * the sum of its shards.
 */
public final class AccountKeys {

  public static final String PLATFORM_ID = "platform";

  private AccountKeys() {
  }

  public static String of(AccountType type, String userId) {
    return type.name() + ":" + userId;
  }

  public static String caller(String callerId) {
    return of(AccountType.caller, callerId);
  }

  public static String receiver(String receiverId) {
    return of(AccountType.receiver, receiverId);
  }

  public static String agency(String agencyId) {
    return of(AccountType.agency, agencyId);
  }

  public static String platformShard(int shard) {
    return of(AccountType.platform, PLATFORM_ID + "#" + shard);
  }

  /** True for the key of any shard of the platform account. */
  public static boolean isPlatform(String accountKey) {
    return accountKey.startsWith(AccountType.platform.name() + ":");
  }
}
