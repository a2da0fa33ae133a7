package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallType;
import io.callbill.avro.LevelConfig;
import io.callbill.testkit.oracle.BillingOracle.Charge;
import org.junit.jupiter.api.Test;

class ProofRateCardTest {

  @Test
  void theOracleChargesWhatTheRecordsPublish() {
    LevelConfig level = ProofRateCard.levelConfig();
    assertThat(level.getAudioRatePerMinute()).isEqualByComparingTo("30");
    assertThat(level.getVideoRatePerMinute()).isEqualByComparingTo("40");
    assertThat(level.getPlatformMarginPerMinute().getAgency()).isEqualByComparingTo("12");
    assertThat(level.getPlatformMarginPerMinute().getNonAgency()).isEqualByComparingTo("12");
    assertThat(ProofRateCard.platformConfig().getAdminSharePercentage()).isEqualByComparingTo("60");

    // A minute of audio: 42 coins, 30 to the receiver; 60 % of the 12 margin to the platform for an agency receiver.
    assertThat(ProofRateCard.oracle(CallType.audio, false).charge(60)).isEqualTo(new Charge(60, 42, 30, 12, 1200, 0));
    assertThat(ProofRateCard.oracle(CallType.audio, true).charge(60)).isEqualTo(new Charge(60, 42, 30, 12, 720, 480));
    // A minute of video: 52 coins, 40 to the receiver.
    assertThat(ProofRateCard.oracle(CallType.video, false).charge(60)).isEqualTo(new Charge(60, 52, 40, 12, 1200, 0));
  }
}
