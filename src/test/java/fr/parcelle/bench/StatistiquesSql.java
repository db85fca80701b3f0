package fr.parcelle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the server sends to PostgreSQL during one measure of the bench, with {@code
 * -Dbanc.sql=true}: statements and commits per dossier, and the statements by number of calls.
 *
 * <p>It loads {@code pg_stat_statements} into the bench's embedded PostgreSQL (a library that
 * PostgreSQL must load when it starts, hence the setting), resets it before a measure and reads it
 * after. The statements of the measure include the jobs that ran during it; the jobs of its last
 * dossiers may run after it. Off by default: the extension costs the server a little on each
 * statement.
 */
final class StatistiquesSql {

  /** The server settings for {@code EmbeddedDatabase.demarrer}: none when the option is off. */
  static Map<String, String> reglages() {
    return demandees()
        ? Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.max", "5000")
        : Map.of();
  }

  static boolean demandees() {
    return Boolean.getBoolean("banc.sql");
  }

  private final DataSource base;

  StatistiquesSql(DataSource base) throws SQLException {
    this.base = base;
    executer("create extension if not exists pg_stat_statements");
  }

  void remettreAZero() throws SQLException {
    executer("select pg_stat_statements_reset()");
    executer("select pg_stat_reset()");
  }

  /** Only the statements' counts: the tables' counts stay for whoever reads them. */
  void remettreAZeroInstructions() throws SQLException {
    executer("select pg_stat_statements_reset()");
  }

  /**
   * What PostgreSQL spent per operation since the last reset, planning and execution, in all and
   * for the {@code premieres} statements that took the most: calls and milliseconds per operation.
   * Needs {@code pg_stat_statements.track_planning} for the planning's share.
   */
  String parOperation(String operation, int operations, int premieres) throws SQLException {
    StringBuilder texte = new StringBuilder();
    try (Connection c = base.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "select coalesce(sum(calls), 0), coalesce(sum(total_plan_time), 0),"
                  + " coalesce(sum(total_exec_time), 0) from pg_stat_statements where query not"
                  + " ilike '%pg_stat%'")) {
        r.next();
        texte.append(
            String.format(
                java.util.Locale.ROOT,
                "PostgreSQL par %s : %.1f instructions, planification %.2f ms, exécution %.2f ms%n",
                operation,
                r.getLong(1) / (double) operations,
                r.getDouble(2) / operations,
                r.getDouble(3) / operations));
      }
      try (ResultSet r =
          s.executeQuery(
              "select calls, total_plan_time, total_exec_time, left(regexp_replace(query, '\\s+',"
                  + " ' ', 'g'), 160) from pg_stat_statements where query not ilike '%pg_stat%'"
                  + " order by total_plan_time + total_exec_time desc limit "
                  + premieres)) {
        while (r.next()) {
          texte.append(
              String.format(
                  java.util.Locale.ROOT,
                  "  %5.2f appels, plan %.3f ms, exéc. %.3f ms : %s%n",
                  r.getLong(1) / (double) operations,
                  r.getDouble(2) / operations,
                  r.getDouble(3) / operations,
                  r.getString(4)));
        }
      }
    }
    return texte.toString();
  }

  /**
   * One line per dossier filed since the reset, and the 40 statements with the most calls written
   * to {@code detail}.
   */
  String lire(int dossiers, Path detail) throws SQLException, IOException {
    long instructions;
    long lectures;
    double ms;
    long commits;
    StringBuilder top = new StringBuilder("appels\tms\tlignes\tinstruction\n");
    try (Connection c = base.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "select coalesce(sum(calls), 0), coalesce(sum(calls) filter (where query ilike"
                  + " 'select%'), 0), coalesce(sum(total_exec_time), 0) from pg_stat_statements"
                  + " where query not ilike '%pg_stat%' and query not in ('BEGIN', 'COMMIT')")) {
        r.next();
        instructions = r.getLong(1);
        lectures = r.getLong(2);
        ms = r.getDouble(3);
      }
      // pg_stat_database is flushed by each backend at most once a second: read after the sums.
      s.execute("select pg_stat_clear_snapshot()");
      try (ResultSet r =
          s.executeQuery(
              "select xact_commit from pg_stat_database where datname = current_database()")) {
        r.next();
        commits = r.getLong(1);
      }
      try (ResultSet r =
          s.executeQuery(
              "select calls, round(total_exec_time::numeric, 1), rows, left(regexp_replace(query,"
                  + " '\\s+', ' ', 'g'), 300) from pg_stat_statements where query not ilike"
                  + " '%pg_stat%' order by calls desc limit 40")) {
        while (r.next()) {
          top.append(r.getLong(1))
              .append('\t')
              .append(r.getBigDecimal(2))
              .append('\t')
              .append(r.getLong(3))
              .append('\t')
              .append(r.getString(4))
              .append('\n');
        }
      }
    }
    Files.writeString(detail, top);
    return String.format(
        "SQL par dossier : %.1f instructions (%.1f lectures), %.1f commits, %.2f ms d'exécution"
            + " (détail : %s)",
        (double) instructions / dossiers,
        (double) lectures / dossiers,
        (double) commits / dossiers,
        ms / dossiers,
        detail.getFileName());
  }

  private void executer(String sql) throws SQLException {
    try (Connection c = base.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
