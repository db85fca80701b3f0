package fr.parcelle.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's own PostgreSQL script, split the way migration V2 runs it. */
class CamundaSchemaScriptsTest {

  @Test
  void le_script_du_moteur_donne_des_instructions_sans_commentaires() throws IOException {
    String script;
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream(
                "org/camunda/bpm/engine/db/create/activiti.postgres.create.engine.sql")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    List<String> instructions = V2__Moteur_camunda_7_24.instructions(script);

    assertThat(instructions).hasSizeGreaterThan(50);
    assertThat(instructions).anyMatch(s -> s.startsWith("create table ACT_RU_JOB"));
    assertThat(instructions)
        .allSatisfy(s -> assertThat(s).doesNotContain("--").doesNotEndWith(";"));
  }

  @Test
  void une_instruction_sur_plusieurs_lignes_reste_entiere() {
    assertThat(
            V2__Moteur_camunda_7_24.instructions(
                "-- commentaire\ncreate table A (\n  id int\n);\n\ninsert into A values (1);\n"))
        .containsExactly("create table A (\n  id int\n)", "insert into A values (1)");
  }
}
