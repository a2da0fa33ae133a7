package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.api.UnavailableException;
import io.callbill.avro.Agency;
import io.callbill.avro.Caller;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.avro.Receiver;
import io.callbill.avro.WalletQuery;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admin routes: reference data published as full replacements, coin credits, wallet balances. */
class AdminWebTest extends WebLayerTest {

  static Receiver receiver(String id, boolean reviewAccepted) {
    return new Receiver(id, "Rita", "rita@example.com", null, true, 1, null, reviewAccepted, List.of());
  }

  @Test
  void levelConfigIsPublishedAtScale4AndAnsweredAsStored() throws Exception {
    put("/admin/level-configs/1", tokens.admin("ops"), """
        {"isActive": true, "audioRatePerMinute": 30, "videoRatePerMinute": 40.25,
         "platformMarginPerMinute": {"agency": 12, "nonAgency": 12.5}}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.data.level").value(1))
        .andExpect(jsonPath("$.data.isActive").value(true))
        .andExpect(jsonPath("$.data.audioRatePerMinute").value(30))
        .andExpect(jsonPath("$.data.videoRatePerMinute").value(40.25))
        .andExpect(jsonPath("$.data.platformMarginPerMinute.nonAgency").value(12.5));

    assertThat(referenceData.lastWritten()).isEqualTo(new LevelConfig(1, true, new BigDecimal("30.0000"),
        new BigDecimal("40.2500"), new PlatformMargin(new BigDecimal("12.0000"), new BigDecimal("12.5000"))));
  }

  @Test
  void levelConfigWithoutARateForATypeKeepsItAbsent() throws Exception {
    put("/admin/level-configs/2", tokens.admin("ops"), """
        {"isActive": false, "audioRatePerMinute": 30, "platformMarginPerMinute": {"agency": 0, "nonAgency": 0}}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.videoRatePerMinute").doesNotExist());

    LevelConfig written = (LevelConfig) referenceData.lastWritten();
    assertThat(written.getVideoRatePerMinute()).isNull();
    assertThat(written.getIsActive()).isFalse();
  }

  @Test
  void platformConfigDefaultsMinCallCoinsToZero() throws Exception {
    put("/admin/platform-config", tokens.admin("ops"), """
        {"adminSharePercentage": 60}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.minCallCoins").value(0))
        .andExpect(jsonPath("$.data.adminSharePercentage").value(60));

    assertThat(referenceData.lastWritten()).isEqualTo(new PlatformConfig(0L, new BigDecimal("60.0000")));
  }

  @Test
  void callerIsPublishedWithItsBlockList() throws Exception {
    put("/admin/callers/c1", tokens.admin("ops"), """
        {"firstName": "Carl", "lastName": "Lee", "email": "carl@example.com", "blockList": ["r9"]}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.callerId").value("c1"))
        .andExpect(jsonPath("$.data.blockList[0]").value("r9"));

    assertThat(referenceData.lastWritten()).isEqualTo(
        new Caller("c1", "Carl", "Lee", "carl@example.com", null, List.of("r9")));
  }

  @Test
  void receiverIsPublishedWithItsAgency() throws Exception {
    put("/admin/receivers/r1", tokens.admin("ops"), """
        {"name": "Rita", "email": "rita@example.com", "profileImage": null, "onlineStatus": true,
         "currentLevel": 3, "agencyId": "a1", "reviewAccepted": true, "blockList": []}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.receiverId").value("r1"))
        .andExpect(jsonPath("$.data.agencyId").value("a1"))
        .andExpect(jsonPath("$.data.currentLevel").value(3));

    assertThat(referenceData.lastWritten()).isEqualTo(
        new Receiver("r1", "Rita", "rita@example.com", null, true, 3, "a1", true, List.of()));
  }

  @Test
  void agencyIsPublished() throws Exception {
    put("/admin/agencies/a1", tokens.admin("ops"), """
        {"name": "Stars"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.agencyId").value("a1"));

    assertThat(referenceData.lastWritten()).isEqualTo(new Agency("a1", "Stars"));
  }

  @Test
  void aWriteKafkaDidNotAcknowledgeIs503() throws Exception {
    referenceData.failWrites(new UnavailableException("The write to Kafka was not acknowledged in time"));

    put("/admin/agencies/a1", tokens.admin("ops"), """
        {"name": "Stars"}""")
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.success").value(false));
  }

  @Test
  void coinCreditIsSentForThePathCallerAndAnswersTheNewBalance() throws Exception {
    gateway.answer(200, true, "Coins credited", new CoinBalance(840L));

    post("/admin/callers/c1/coins", tokens.admin("ops"), """
        {"amount": 840, "reference": "purchase-123"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.coinBalance").value(840));

    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
    assertThat(gateway.last().getCommand()).isEqualTo(new CreditCoins(840L, "purchase-123"));
  }

  @Test
  void aCoinCreditForACallerBillingHasNoProfileOfIs404CallerNotFoundInTheSeedsEnvelope() throws Exception {
    gateway.answer(404, false, "Caller not found", null);

    post("/admin/callers/c-mistyped/coins", tokens.admin("ops"), """
        {"amount": 840, "reference": "purchase-123"}""")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("Caller not found"))
        .andExpect(jsonPath("$.data.coinBalance").doesNotExist());

    assertThat(gateway.last().getCallerId()).isEqualTo("c-mistyped");
    assertThat(gateway.last().getCommand()).isEqualTo(new CreditCoins(840L, "purchase-123"));
  }

  @Test
  void callerWalletIsAskedOfBilling() throws Exception {
    gateway.answer(200, true, "Wallet balance", new CoinBalance(714L));

    get("/admin/wallets/caller/c1", tokens.admin("ops"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.balance").value(714));

    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
    assertThat(gateway.last().getCommand()).isInstanceOf(WalletQuery.class);
  }

  @Test
  void receiverAgencyAndPlatformWalletsAreReadLocallyInHundredths() throws Exception {
    wallets.setReceiver("r1", "90.00");
    wallets.setAgency("a1", "14.40");
    wallets.setPlatform("21.60");

    get("/admin/wallets/receiver/r1", tokens.admin("ops")).andExpect(jsonPath("$.data.balance").value(90));
    get("/admin/wallets/agency/a1", tokens.admin("ops")).andExpect(jsonPath("$.data.balance").value(14.4));
    get("/admin/wallets/platform", tokens.admin("ops")).andExpect(jsonPath("$.data.balance").value(21.6));
    get("/admin/wallets/receiver/unknown", tokens.admin("ops")).andExpect(jsonPath("$.data.balance").value(0));
    assertThat(gateway.submitted()).isEmpty();
  }
}
