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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Every schema that is written to a topic, and every version of it that was ever released.
 *
 * <p>Released versions live as self-contained {@code .avsc} files under {@code /io/callbill/schemas/released/}
 * (listed in its {@code INDEX}). Readers resolve a record by the writer schema's fingerprint, so a record written
 * with any released version stays readable after the schema evolves. {@code SchemaCompatibilityTest} refuses a
 * change that is not backward compatible, and one that was not released.
 */
public final class SchemaCatalog {

  static final String RELEASED_DIR = "/io/callbill/schemas/released/";

  /** The value types of all topics, internal ones and store changelogs included. */
  public static final List<Class<? extends SpecificRecordBase>> TOPIC_VALUE_TYPES = List.of(
      CallCommand.class, Caller.class, Receiver.class, Agency.class, LevelConfig.class, PlatformConfig.class,
      ActiveCall.class, CallRecord.class, LedgerEntry.class, AccountBalance.class, CallEvent.class,
      CommandReply.class, AccountCredit.class, SettledCall.class, ReceiverStatus.class);

  static {
    // Avro 1.12 refuses to instantiate classes it does not trust when resolving a writer schema; ours are generated
    // from the schemas above, so trust exactly their package on top of whatever the process already trusts.
    ClassSecurityValidator.ClassSecurityPredicate trusted = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(trusted,
        type -> CallCommand.class.getPackageName().equals(type.getPackageName())));
  }

  private static final SchemaCatalog INSTANCE = new SchemaCatalog(loadReleased());

  private final Map<String, List<Schema>> releasedByName;
  private final SchemaStore.Cache store = new SchemaStore.Cache();

  private SchemaCatalog(Map<String, List<Schema>> releasedByName) {
    this.releasedByName = releasedByName;
    releasedByName.values().forEach(versions -> versions.forEach(store::addSchema));
  }

  public static SchemaCatalog instance() {
    return INSTANCE;
  }

  /** Finds writer schemas by fingerprint for {@link org.apache.avro.message.BinaryMessageDecoder}. */
  public SchemaStore store() {
    return store;
  }

  /** Released versions of a record type, oldest first (empty if never released). */
  public List<Schema> released(String fullName) {
    return releasedByName.getOrDefault(fullName, List.of());
  }

  static String releasedPath(String fullName, int version) {
    return fullName + "/v" + version + ".avsc";
  }

  private static Map<String, List<Schema>> loadReleased() {
    Map<String, List<Schema>> byName = new TreeMap<>();
    for (String path : readLines(RELEASED_DIR + "INDEX")) {
      Schema schema = parse(RELEASED_DIR + path);
      byName.computeIfAbsent(schema.getFullName(), name -> new ArrayList<>()).add(schema);
    }
    return byName;
  }

  private static Schema parse(String resource) {
    try (InputStream in = open(resource)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read released schema " + resource, e);
    }
  }

  private static List<String> readLines(String resource) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
      return reader.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = SchemaCatalog.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    return in;
  }
}
