package io.callbill.schemas;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.AccountCredit;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.Agency;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallRecord;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import io.callbill.avro.SettledCall;
import org.apache.avro.specific.SpecificRecordBase;

/** The serdes of every Callbill value type, all reading through one {@link SchemaCatalog}. */
public record CallbillSerdes(
    AvroSerde<CallCommand> callCommand,
    AvroSerde<Caller> caller,
    AvroSerde<Receiver> receiver,
    AvroSerde<Agency> agency,
    AvroSerde<LevelConfig> levelConfig,
    AvroSerde<PlatformConfig> platformConfig,
    AvroSerde<CommandReply> commandReply,
    AvroSerde<CallEvent> callEvent,
    AvroSerde<CallRecord> callRecord,
    AvroSerde<ActiveCall> activeCall,
    AvroSerde<LedgerEntry> ledgerEntry,
    AvroSerde<AccountBalance> accountBalance,
    AvroSerde<AccountCredit> accountCredit,
    AvroSerde<SettledCall> settledCall,
    AvroSerde<ReceiverStatus> receiverStatus) {

  public static CallbillSerdes create() {
    return create(SchemaCatalog.instance());
  }

  public static CallbillSerdes create(SchemaCatalog catalog) {
    return new CallbillSerdes(
        serde(CallCommand.class, catalog), serde(Caller.class, catalog), serde(Receiver.class, catalog),
        serde(Agency.class, catalog), serde(LevelConfig.class, catalog), serde(PlatformConfig.class, catalog),
        serde(CommandReply.class, catalog), serde(CallEvent.class, catalog), serde(CallRecord.class, catalog),
        serde(ActiveCall.class, catalog), serde(LedgerEntry.class, catalog), serde(AccountBalance.class, catalog),
        serde(AccountCredit.class, catalog), serde(SettledCall.class, catalog),
        serde(ReceiverStatus.class, catalog));
  }

  private static <T extends SpecificRecordBase> AvroSerde<T> serde(Class<T> type, SchemaCatalog catalog) {
    return new AvroSerde<>(type, catalog);
  }
}
