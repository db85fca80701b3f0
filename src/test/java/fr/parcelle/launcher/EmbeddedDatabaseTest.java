package fr.parcelle.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.support.PostgresDeTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL (the platform's default database) writes a commit to disk before it
 * returns: the embedding library starts it with fsync off and synchronous_commit off unless told
 * otherwise, and an acknowledged deposit would then be lost with the machine.
 */
class EmbeddedDatabaseTest {

  @Test
  void un_commit_est_sur_le_disque_quand_il_rend_la_main() throws Exception {
    DataSource base = PostgresDeTest.base("durabilite");
    Map<String, String> reglages = new LinkedHashMap<>();
    try (Connection c = base.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select name, setting from pg_settings where name in"
                    + " ('fsync', 'synchronous_commit', 'full_page_writes') order by name")) {
      while (r.next()) {
        reglages.put(r.getString(1), r.getString(2));
      }
    }
    assertThat(reglages)
        .containsExactly(
            Map.entry("fsync", "on"),
            Map.entry("full_page_writes", "on"),
            Map.entry("synchronous_commit", "on"));
  }
}
