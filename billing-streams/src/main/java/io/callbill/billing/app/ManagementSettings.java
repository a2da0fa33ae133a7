package io.callbill.billing.app;

import io.callbill.billing.BillingConfig;
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
 * <p>Read from the same properties file and environment as {@link StreamsSettings} (environment over file, file over
 * defaults), but on its own: the Kafka Streams settings stay one class with one job.
 */
public record ManagementSettings(InetAddress address, int port) {

  public static final String PORT = "callbill.management.port";
  public static final String ADDRESS = "callbill.management.address";
  public static final int DEFAULT_PORT = 8082;
  public static final String DEFAULT_ADDRESS = "127.0.0.1";

  /** The file named by the first CLI argument, else by {@code CALLBILL_CONFIG}, as {@link StreamsSettings#load}. */
  public static ManagementSettings load(String[] args, Map<String, String> environment) {
    String path = args.length > 0 ? args[0] : environment.get(StreamsSettings.ENV_CONFIG_FILE);
    return from(path == null || path.isBlank() ? new Properties() : StreamsSettings.readFile(Path.of(path)), environment);
  }

  public static ManagementSettings from(Properties file, Map<String, String> environment) {
    String port = setting(file, environment, PORT, Integer.toString(DEFAULT_PORT));
    String address = setting(file, environment, ADDRESS, DEFAULT_ADDRESS);
    return new ManagementSettings(parseAddress(address), parsePort(port));
  }

  /** The defaults on a free port: for tests. */
  public static ManagementSettings loopbackOnFreePort() {
    return new ManagementSettings(InetAddress.getLoopbackAddress(), 0);
  }

  private static String setting(Properties file, Map<String, String> environment, String key, String fallback) {
    String fromEnvironment = environment.get(BillingConfig.environmentName(key));
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.trim();
    }
    return file.getProperty(key, fallback).trim();
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65_535) {
        throw new ConfigException(PORT, value, "must be a port number, or 0 for a free one");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigException(PORT, value, "not an integer");
    }
  }

  private static InetAddress parseAddress(String value) {
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new ConfigException(ADDRESS, value, "not an address of this host");
    }
  }
}
