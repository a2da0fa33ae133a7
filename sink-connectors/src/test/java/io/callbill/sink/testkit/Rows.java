package io.callbill.sink.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rows of the sink tables with plain JDBC: each row a map from column name to its JDBC value, with
 * {@code TIMESTAMPTZ} values as {@link java.time.Instant}.
 */
public final class Rows {

  private final PostgresDatabase database;

  public Rows(PostgresDatabase database) {
    this.database = database;
  }

  public List<Map<String, Object>> query(String sql, Object... parameters) {
    try (Connection connection = database.connection();
         PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        ResultSetMetaData columns = result.getMetaData();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= columns.getColumnCount(); c++) {
            Object value = result.getObject(c);
            row.put(columns.getColumnLabel(c), value instanceof Timestamp timestamp ? timestamp.toInstant() : value);
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  /** The single value of a one-row, one-column query (e.g. a count). */
  public Object value(String sql, Object... parameters) {
    List<Map<String, Object>> rows = query(sql, parameters);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new IllegalStateException("Expected one value from " + sql + ", got " + rows);
    }
    return rows.get(0).values().iterator().next();
  }

  public long count(String sql, Object... parameters) {
    return ((Number) value(sql, parameters)).longValue();
  }
}
