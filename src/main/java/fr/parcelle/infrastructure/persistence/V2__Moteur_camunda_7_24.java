package fr.parcelle.infrastructure.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the Camunda 7.24 engine's tables from the very scripts shipped in the engine's jar, so
 * the schema is versioned with ours (the engine itself only checks it: databaseSchemaUpdate=false).
 * A later engine version comes with a migration that runs Camunda's upgrade scripts.
 */
public class V2__Moteur_camunda_7_24 extends BaseJavaMigration {

  private static final String DOSSIER = "org/camunda/bpm/engine/db/create/";

  /** Same order as the engine's own schema creation. */
  private static final List<String> SCRIPTS =
      List.of(
          "activiti.postgres.create.engine.sql",
          "activiti.postgres.create.case.engine.sql",
          "activiti.postgres.create.decision.engine.sql",
          "activiti.postgres.create.history.sql",
          "activiti.postgres.create.case.history.sql",
          "activiti.postgres.create.decision.history.sql",
          "activiti.postgres.create.identity.sql");

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      for (String script : SCRIPTS) {
        for (String sql : instructions(lire(script))) {
          statement.execute(sql);
        }
      }
    }
  }

  private static String lire(String script) throws IOException {
    try (InputStream in =
        V2__Moteur_camunda_7_24.class.getClassLoader().getResourceAsStream(DOSSIER + script)) {
      if (in == null) {
        throw new IllegalStateException("Script Camunda introuvable : " + DOSSIER + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Camunda's PostgreSQL scripts are plain DDL: one statement per ';', with '--' line comments. */
  static List<String> instructions(String script) {
    StringBuilder sansCommentaires = new StringBuilder();
    for (String ligne : script.split("\n")) {
      String l = ligne.strip();
      if (!l.startsWith("--")) {
        sansCommentaires.append(ligne).append('\n');
      }
    }
    List<String> resultat = new ArrayList<>();
    for (String morceau : sansCommentaires.toString().split(";")) {
      if (!morceau.isBlank()) {
        resultat.add(morceau.strip());
      }
    }
    return resultat;
  }
}
