package io.callbill.stack;

/** Where the running stack answers: the content of {@code .callbill/stack.json}. */
public record StackInfo(String apiUrl, String bootstrapServers, String jdbcUrl, String jdbcUser, String jdbcPassword) {

  public String toJson() {
    return "{\"apiUrl\":\"" + apiUrl + "\",\"bootstrapServers\":\"" + bootstrapServers + "\",\"jdbcUrl\":\"" + jdbcUrl
        + "\",\"jdbcUser\":\"" + jdbcUser + "\",\"jdbcPassword\":\"" + jdbcPassword + "\"}";
  }
}
