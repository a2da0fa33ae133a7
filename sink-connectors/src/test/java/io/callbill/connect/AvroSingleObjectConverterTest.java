package io.callbill.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.avro.AccountType;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Receiver;
import io.callbill.schemas.CallbillSerdes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class AvroSingleObjectConverterTest {

  private static final CallbillSerdes SERDES = CallbillSerdes.create();
  private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00.123Z");
  private static final Instant ENDED = Instant.parse("2026-01-01T10:03:00.456Z");

  private final AvroSingleObjectConverter converter = configured(new AvroSingleObjectConverter());

  @Test
  void callRecordBecomesAFlatStructWithExactMoneyAndTimestamps() {
    SchemaAndValue converted = converter.toConnectData("callbill.call-history",
        SERDES.callRecord().encode(agencyCall()));

    Schema schema = converted.schema();
    assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
    assertThat(schema.name()).isEqualTo("io.callbill.avro.CallRecord");
    assertThat(schema.fields()).extracting(Field::name)
        .containsExactlyElementsOf(CallRecord.getClassSchema().getFields().stream().map(f -> f.name()).toList());
    assertThat(schema.field("callType").schema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(schema.field("measuredDuration").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
    assertThat(schema.field("agencyId").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    assertDecimal(schema.field("adminEarned").schema(), 2, "18", false);
    assertDecimal(schema.field("femaleEarningPerMinute").schema(), 4, "14", false);
    assertDecimal(schema.field("femaleEarningPerSecond").schema(), 8, "18", false);
    assertThat(schema.field("endedAt").schema()).isEqualTo(Timestamp.SCHEMA);
    assertThat(schema.field("ratedAt").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(schema.field("ratedAt").schema().isOptional()).isTrue();

    Struct call = (Struct) converted.value();
    call.validate();
    assertThat(call.getString("callId")).isEqualTo("call-1");
    assertThat(call.getString("callType")).isEqualTo("video");
    assertThat(call.getString("status")).isEqualTo("completed");
    assertThat(call.getString("endedBy")).isEqualTo("receiver");
    assertThat(call.getInt64("totalCoins")).isEqualTo(126L);
    assertThat((BigDecimal) call.get("adminEarned")).isEqualTo(new BigDecimal("21.60"));
    assertThat((BigDecimal) call.get("agencyEarned")).isEqualTo(new BigDecimal("14.40"));
    assertThat((BigDecimal) call.get("femaleEarningPerSecond")).isEqualTo(new BigDecimal("0.50000000"));
    assertThat((Date) call.get("startedAt")).isEqualTo(Date.from(STARTED));
    assertThat((Date) call.get("endedAt")).isEqualTo(Date.from(ENDED));
    assertThat(call.getInt32("ratingStars")).isEqualTo(4);
    assertThat(call.get("ratedAt")).isNull();
    assertThat(call.getBoolean("isAgencyFemale")).isTrue();
  }

  @Test
  void ledgerEntryKeepsItsAmountsInHundredthsAndItsEnumsAsStrings() {
    LedgerEntry entry = LedgerEntry.newBuilder().setEntryId("call-1:agency").setUserType(AccountType.agency)
        .setUserId("agency-1").setAccountKey("agency:agency-1").setOperationType("wallet")
        .setAction(LedgerAction.credit).setAmount(new BigDecimal("14.40")).setMessage("Agency commission")
        .setBalanceAfter(new BigDecimal("1234.56")).setCreatedBy("caller-1").setRelatedId("call-1")
        .setRelatedModel("CallHistory").setCreatedAt(ENDED).build();

    Struct converted = (Struct) converter.toConnectData("callbill.ledger", SERDES.ledgerEntry().encode(entry)).value();

    assertThat(converted.getString("userType")).isEqualTo("agency");
    assertThat(converted.getString("action")).isEqualTo("credit");
    assertThat((BigDecimal) converted.get("amount")).isEqualTo(new BigDecimal("14.40"));
    assertThat((BigDecimal) converted.get("balanceAfter")).isEqualTo(new BigDecimal("1234.56"));
    assertThat(converted.get("earningType")).isNull();
  }

  @Test
  void aBlockListBecomesAConnectArrayOfStrings() {
    Caller caller = Caller.newBuilder().setCallerId("caller-1").setFirstName("Ann").setProfileImage("img/ann.png")
        .setBlockList(List.of("receiver-7", "receiver-9")).build();

    SchemaAndValue converted = converter.toConnectData("callbill.callers", SERDES.caller().encode(caller));

    assertThat(converted.schema().field("blockList").schema().type()).isEqualTo(Schema.Type.ARRAY);
    assertThat(converted.schema().field("blockList").schema().valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(((Struct) converted.value()).getArray("blockList")).containsExactly("receiver-7", "receiver-9");
    assertThat(((Struct) converted.value()).getString("lastName")).isNull();
  }

  @Test
  void snakeCaseNamingNamesTheFieldsAfterTheColumnsAndKeepsTheirValues() {
    AvroSingleObjectConverter snakeCase = new AvroSingleObjectConverter();
    snakeCase.configure(Map.of(AvroSingleObjectConverter.FIELD_NAMING_CONFIG, "snake_case"), false);
    byte[] encoded = SERDES.callRecord().encode(agencyCall());

    Struct avroNamed = (Struct) converter.toConnectData("callbill.call-history", encoded).value();
    SchemaAndValue converted = snakeCase.toConnectData("callbill.call-history", encoded);

    assertThat(converted.schema().fields()).extracting(Field::name)
        .startsWith("call_id", "caller_id", "receiver_id")
        .contains("female_earning_per_minute", "admin_share_percentage", "is_agency_female", "rated_at")
        .allSatisfy(name -> assertThat(name).matches("[a-z_]+"))
        .hasSameSizeAs(avroNamed.schema().fields());
    Struct call = (Struct) converted.value();
    call.validate();
    for (Field field : avroNamed.schema().fields()) {
      Field renamed = converted.schema().fields().get(field.index());
      assertThat(renamed.schema()).as(field.name()).isEqualTo(field.schema());
      assertThat(call.get(renamed)).as(field.name()).isEqualTo(avroNamed.get(field));
    }
    assertThat((BigDecimal) call.get("admin_earned")).isEqualTo(new BigDecimal("21.60"));
  }

  @Test
  void anUnknownFieldNamingIsRefused() {
    assertThatThrownBy(() -> new AvroSingleObjectConverter()
        .configure(Map.of(AvroSingleObjectConverter.FIELD_NAMING_CONFIG, "camelCase"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSingleObjectConverter.FIELD_NAMING_CONFIG);
  }

  @Test
  void aTombstoneBecomesANullValueWithoutSchema() {
    assertThat(converter.toConnectData("callbill.active-calls", null)).isEqualTo(SchemaAndValue.NULL);
  }

  @Test
  void everySunkTypeMapsToAStructWithoutNestedStructs() {
    List<byte[]> samples = List.of(SERDES.callRecord().encode(agencyCall()),
        SERDES.activeCall().encode(activeCall()),
        SERDES.caller().encode(Caller.newBuilder().setCallerId("c").build()),
        SERDES.receiver().encode(Receiver.newBuilder().setReceiverId("r").setCurrentLevel(1).build()));

    for (byte[] sample : samples) {
      Schema schema = converter.toConnectData("topic", sample).schema();
      assertThat(schema.fields()).as(schema.name())
          .allSatisfy(field -> assertThat(field.schema().type()).isNotEqualTo(Schema.Type.STRUCT));
    }
  }

  @Test
  void aRecordWrittenWithAnOlderSchemaVersionIsReadAsTheCurrentOne() throws IOException {
    org.apache.avro.Schema current = CallRecord.getClassSchema();
    org.apache.avro.Schema v0 = olderVersionWithout(current,
        Set.of("measuredDuration", "endedBy", "ratingStars", "ratingMessage", "ratedBy", "ratedAt"));
    SchemaStore.Cache writers = new SchemaStore.Cache();
    writers.addSchema(v0);
    writers.addSchema(current);
    AvroSingleObjectConverter reader = configured(new AvroSingleObjectConverter(writers,
        Map.of(current.getFullName(), current)));

    SchemaAndValue fromV0 = reader.toConnectData("callbill.call-history", encodeWith(v0, agencyCall()));
    SchemaAndValue fromCurrent = reader.toConnectData("callbill.call-history", SERDES.callRecord().encode(agencyCall()));

    assertThat(fromV0.schema()).isEqualTo(fromCurrent.schema());
    Struct call = (Struct) fromV0.value();
    assertThat(call.getString("callId")).isEqualTo("call-1");
    assertThat((BigDecimal) call.get("adminEarned")).isEqualTo(new BigDecimal("21.60"));
    assertThat((Date) call.get("endedAt")).isEqualTo(Date.from(ENDED));
    assertThat(call.get("measuredDuration")).isNull();
    assertThat(call.get("ratingStars")).isNull();
    assertThat(call.get("endedBy")).isNull();
  }

  @Test
  void aRecordOfAnUnreleasedSchemaIsRefusedWithItsFingerprint() {
    AvroSingleObjectConverter withoutReleases = configured(new AvroSingleObjectConverter(new SchemaStore.Cache(),
        Map.of(CallRecord.getClassSchema().getFullName(), CallRecord.getClassSchema())));
    byte[] record = SERDES.callRecord().encode(agencyCall());

    assertThatThrownBy(() -> withoutReleases.toConnectData("callbill.call-history", record))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("unknown schema")
        .hasMessageContaining("callbill.call-history");
  }

  @Test
  void bytesWithoutTheSingleObjectHeaderAreRefused() {
    assertThatThrownBy(() -> converter.toConnectData("callbill.ledger", "{\"json\":true}".getBytes()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("not Avro single-object encoded");
  }

  @Test
  void aRecordWithANonNullableUnionHasNoFlatForm() {
    CommandReply reply = CommandReply.newBuilder().setCommandId("cmd-1").setCallerId("caller-1").setHttpStatus(200)
        .setSuccess(true).setMessage("ok").setAnsweredAt(ENDED).build();
    byte[] encoded = SERDES.commandReply().encode(reply);

    assertThatThrownBy(() -> converter.toConnectData("callbill.replies", encoded))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("io.callbill.avro.CommandReply.data");
  }

  @Test
  void writingIsRefused() {
    assertThatThrownBy(() -> converter.fromConnectData("callbill.ledger", Schema.STRING_SCHEMA, "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void itCannotBeAKeyConverter() {
    assertThatThrownBy(() -> new AvroSingleObjectConverter().configure(Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("StringConverter");
  }

  private static AvroSingleObjectConverter configured(AvroSingleObjectConverter converter) {
    converter.configure(Map.of(), false);
    return converter;
  }

  private static void assertDecimal(Schema schema, int scale, String precision, boolean optional) {
    assertThat(schema.name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema.parameters()).containsEntry(Decimal.SCALE_FIELD, Integer.toString(scale))
        .containsEntry(ConnectSchemas.PRECISION_PARAMETER, precision);
    assertThat(schema.isOptional()).isEqualTo(optional);
  }

  /** The same record type as it was before {@code added} existed (all of them have defaults). */
  private static org.apache.avro.Schema olderVersionWithout(org.apache.avro.Schema current, Set<String> added) {
    List<org.apache.avro.Schema.Field> fields = current.getFields().stream()
        .filter(field -> !added.contains(field.name()))
        .map(field -> new org.apache.avro.Schema.Field(field, field.schema()))
        .toList();
    return org.apache.avro.Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
        fields);
  }

  /** Writes the fields of {@code call} that {@code writer} has, single-object encoded with that schema. */
  private static byte[] encodeWith(org.apache.avro.Schema writer, CallRecord call) throws IOException {
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    GenericRecord record = new GenericData.Record(writer);
    for (org.apache.avro.Schema.Field field : writer.getFields()) {
      Object value = call.get(field.name());
      record.put(field.name(), value instanceof Enum<?> symbol
          ? new GenericData.EnumSymbol(field.schema(), symbol.name()) : value);
    }
    ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(model, writer).encode(record);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    return bytes;
  }

  private static CallRecord agencyCall() {
    return CallRecord.newBuilder()
        .setCallId("call-1").setCallerId("caller-1").setReceiverId("receiver-1")
        .setCallType(CallType.video).setStatus(CallStatus.completed)
        .setDuration(180).setReportedDuration(180).setMeasuredDuration(181L).setBillableDuration(180)
        .setFemaleEarningPerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setFemaleEarningPerSecond(new BigDecimal("0.50000000"))
        .setPlatformMarginPerSecond(new BigDecimal("0.20000000"))
        .setTotalCoins(126).setFemaleEarning(90).setPlatformMargin(36)
        .setAdminEarned(new BigDecimal("21.60")).setAgencyEarned(new BigDecimal("14.40"))
        .setAdminSharePercentage(new BigDecimal("60.0000")).setAgencySharePercentage(new BigDecimal("40.0000"))
        .setIsAgencyFemale(true).setAgencyId("agency-1").setEndedBy(CallParty.receiver)
        .setStartedAt(STARTED).setEndedAt(ENDED)
        .setRatingStars(4).setRatingMessage("Good").setRatedBy("female")
        .build();
  }

  private static ActiveCall activeCall() {
    return ActiveCall.newBuilder().setCallId("call-1").setCallerId("caller-1").setReceiverId("receiver-1")
        .setCallType(CallType.audio).setReceiverLevel(1).setIsAgencyFemale(false)
        .setFemaleRatePerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setAdminSharePercentage(new BigDecimal("100.0000")).setCallerBalanceAtStart(840).setMaxSeconds(1200)
        .setStartedAt(STARTED).setExpiresAt(STARTED.plusSeconds(7200)).build();
  }
}
