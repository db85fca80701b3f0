package fr.parcelle.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.parcelle.application.SimulationDelais.Simulation;
import fr.parcelle.domain.model.delai.DelaiInstruction;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.delai.NatureDecisionTacite;
import fr.parcelle.domain.model.dossier.TypeDossier;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator's JSON, field by field, as the portal reads it. */
class DelaiSimuleTest {

  @Test
  void forme_json_du_simulateur() throws Exception {
    LocalDate depot = LocalDate.of(2027, 1, 31);
    DelaiInstruction delai =
        new DelaiInstruction(
            2,
            "R423-23 b",
            List.of(
                new Majoration("R423-24-ABF", "R423-24 c", "ABF consulté.", 1, null),
                new Majoration("R423-28-ERP", "R423-28 b", "ERP.", null, 5)),
            5,
            depot,
            LocalDate.of(2027, 6, 30),
            LocalDate.of(2027, 7, 1),
            NatureDecisionTacite.PERMIS_TACITE,
            "R424-1 b");

    JsonNode json =
        JacksonConfiguration.MAPPER.valueToTree(
            DelaiSimule.de(new Simulation(TypeDossier.PCMI, depot, delai)));

    assertThat(json.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "type",
            "dateDepot",
            "delaiDroitCommunMois",
            "articleDroitCommun",
            "delaiMois",
            "dateFinDelai",
            "dateDecisionTacite",
            "natureDecisionTacite",
            "libelleNatureDecisionTacite",
            "articleNatureDecisionTacite",
            "majorations");
    assertThat(json.get("type").asText()).isEqualTo("PCMI");
    assertThat(json.get("dateDepot").asText()).isEqualTo("2027-01-31");
    assertThat(json.get("dateFinDelai").asText()).isEqualTo("2027-06-30");
    assertThat(json.get("dateDecisionTacite").asText()).isEqualTo("2027-07-01");
    assertThat(json.get("delaiMois").asInt()).isEqualTo(5);
    assertThat(json.get("natureDecisionTacite").asText()).isEqualTo("PERMIS_TACITE");
    assertThat(json.get("libelleNatureDecisionTacite").asText()).isEqualTo("permis tacite");
    assertThat(json.get("articleNatureDecisionTacite").asText()).isEqualTo("R424-1 b");

    JsonNode abf = json.get("majorations").get(0);
    assertThat(abf.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("code", "article", "motif", "moisAjoutes", "delaiPorteAMois");
    assertThat(abf.get("moisAjoutes").asInt()).isEqualTo(1);
    assertThat(abf.get("delaiPorteAMois").isNull()).isTrue();
    assertThat(json.get("majorations").get(1).get("moisAjoutes").isNull()).isTrue();
    assertThat(json.get("majorations").get(1).get("delaiPorteAMois").asInt()).isEqualTo(5);
  }
}
