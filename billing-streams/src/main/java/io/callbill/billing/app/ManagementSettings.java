package io.callbill.billing.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where billing serves its metrics: {@code callbill.management.port} (env {@code CALLBILL_MANAGEMENT_PORT}, default
 * {@value #DEFAULT_PORT}, 0 for a free port) on {@code callbill.management.address} (env
 * {@code CALLBILL_MANAGEMENT_ADDRESS}, default {@value #DEFAULT_ADDRESS}).
 *
 * <p>Why loopback by default: metrics name topics, threads and volumes; they are for a scraper on this host or a
 * sidecar, not for the network (the same rule as the API's actuator). Set the address to {@code 0.0.0.0} only on a
 * network you control, e.g. inside the compose network, where the port is not published.
 *
 * <p>Read from the same properties file and environment as {@link StreamsSettings}, by the same definition
 * ({@link BillingStreamsConfig}: environment over file, file over defaults), but on its own: the Kafka Streams
 * settings stay one class with one job.
 */
public record ManagementSettings(InetAddress address, int port) {

  public static final String PORT = BillingStreamsConfig.MANAGEMENT_PORT;
  public static final String ADDRESS = BillingStreamsConfig.MANAGEMENT_ADDRESS;
  public static final int DEFAULT_PORT = BillingStreamsConfig.DEFAULT_MANAGEMENT_PORT;
  public static final String DEFAULT_ADDRESS = BillingStreamsConfig.DEFAULT_MANAGEMENT_ADDRESS;

  /** The file named by the first CLI argument, else by {@code CALLBILL_CONFIG}, as {@link StreamsSettings#load}. */
  public static ManagementSettings load(String[] args, Map<String, String> environment) {
    String path = args.length > 0 ? args[0] : environment.get(StreamsSettings.ENV_CONFIG_FILE);
    return from(path == null || path.isBlank() ? new Properties() : StreamsSettings.readFile(Path.of(path)), environment);
  }

  public static ManagementSettings from(Properties file, Map<String, String> environment) {
    BillingStreamsConfig config = BillingStreamsConfig.from(file, environment);
    return new ManagementSettings(parseAddress(config.managementAddress()), config.managementPort());
  }

  /** The defaults on a free port: for tests. */
  public static ManagementSettings loopbackOnFreePort() {
    return new ManagementSettings(InetAddress.getLoopbackAddress(), 0);
  }

  private static InetAddress parseAddress(String value) {
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new ConfigException(ADDRESS, value, "not an address of this host");
    }
  }
}
