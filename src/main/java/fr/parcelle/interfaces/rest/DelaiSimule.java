package fr.parcelle.interfaces.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.parcelle.application.SimulationDelais.Simulation;
import fr.parcelle.domain.model.delai.DelaiInstruction;
import fr.parcelle.domain.model.delai.Majoration;
import java.time.LocalDate;
import java.util.List;

/** The simulator's answer: the délai, its majorations and the tacit decision, with articles. */
public record DelaiSimule(
    String type,
    LocalDate dateDepot,
    int delaiDroitCommunMois,
    String articleDroitCommun,
    int delaiMois,
    LocalDate dateFinDelai,
    LocalDate dateDecisionTacite,
    String natureDecisionTacite,
    String libelleNatureDecisionTacite,
    String articleNatureDecisionTacite,
    List<MajorationVue> majorations) {

  /** One majoration; both délai fields are always present, one of them null. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record MajorationVue(
      String code, String article, String motif, Integer moisAjoutes, Integer delaiPorteAMois) {

    static MajorationVue de(Majoration m) {
      return new MajorationVue(
          m.code(), m.article(), m.motif(), m.moisAjoutes(), m.delaiPorteAMois());
    }
  }

  static DelaiSimule de(Simulation s) {
    DelaiInstruction d = s.delai();
    return new DelaiSimule(
        s.type().name(),
        s.dateDepot(),
        d.delaiDroitCommunMois(),
        d.articleDroitCommun(),
        d.delaiMois(),
        d.dateFinDelai(),
        d.dateDecisionTacite(),
        d.natureDecisionTacite().name(),
        d.natureDecisionTacite().libelle(),
        d.articleNatureTacite(),
        d.majorations().stream().map(MajorationVue::de).toList());
  }
}
