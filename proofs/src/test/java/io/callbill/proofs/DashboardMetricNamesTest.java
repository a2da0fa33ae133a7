package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reduction of PromQL to metric names that {@code CallbillUpIT} checks against the running stack's scrapes. */
class DashboardMetricNamesTest {

  @Test
  void functionsLabelsRangesAndKeywordsAreNotMetrics() {
    assertThat(DashboardMetricNames.inExpression("histogram_quantile(0.99, sum by (le, uri) "
        + "(rate(http_server_requests_seconds_bucket{job=\"api-ingest\", uri=~\".*/calls/end\"}[5m]))) > 1"))
        .containsExactly("http_server_requests_seconds");
    assertThat(DashboardMetricNames.inExpression("sum(callbill_reconcile_drift) > 0 or callbill_reconcile_clean == 0"))
        .containsExactly("callbill_reconcile_clean", "callbill_reconcile_drift");
    assertThat(DashboardMetricNames.inExpression("time() - callbill_reconcile_last_run_timestamp_seconds > 2 * 86400"))
        .containsExactly("callbill_reconcile_last_run_timestamp_seconds");
    assertThat(DashboardMetricNames.inExpression("max by (instance) (x_lag_max{job=\"b\"}) > 1e3 and "
        + "max without (topic) (deriv(y_total[10m] offset 1m)) > 0")).containsExactly("x_lag_max", "y_total");
  }

  @Test
  void anExpositionGivesItsSampleNamesWithoutHistogramSuffixes() {
    String exposition = """
        # HELP a_seconds x
        # TYPE a_seconds histogram
        a_seconds_bucket{le="0.1"} 1
        a_seconds_count 1
        a_seconds_sum 0.05
        b_total{reason="x"} 3.0
        c 1
        """;
    assertThat(DashboardMetricNames.exported(exposition)).containsExactly("a_seconds", "b_total", "c");
  }

  @Test
  void theDashboardAndTheAlertsQueryBothAppsAndReconcile() {
    assertThat(DashboardMetricNames.queried()).contains("kafka_stream_thread_process_rate",
        "kafka_consumer_fetch_manager_records_lag_max", "kafka_callbill_calls_settled_total",
        "http_server_requests_seconds", "callbill_reply_wait_seconds", "callbill_dead_letters_total",
        "callbill_reconcile_drift", "up");
  }
}
