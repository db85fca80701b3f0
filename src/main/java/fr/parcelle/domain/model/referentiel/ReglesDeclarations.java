package fr.parcelle.domain.model.referentiel;

import fr.parcelle.domain.model.dossier.NatureDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the declarations filed after the decision, as read from the reference files: which
 * authorisations each declaration applies to and what must come before it ({@code
 * declarations-chantier.csv}), and how long the authority may contest the conformity of the works
 * after a DAACT ({@code recolement.csv}: R462-6, longer where récolement is compulsory, R462-7).
 */
public record ReglesDeclarations(List<Regle> regles, List<DelaiContestation> delais) {

  /**
   * One declaration: its cerfa and article, the natures of authorisation (PC, PA, DP…) it applies
   * to, and the declaration that must precede it when that one applies to the same authorisation.
   */
  public record Regle(
      NatureDeclaration nature,
      String libelle,
      String cerfa,
      String article,
      Set<String> naturesAutorisation,
      NatureDeclaration precedente) {
    public Regle {
      Objects.requireNonNull(nature, "nature");
      naturesAutorisation = Set.copyOf(naturesAutorisation);
    }

    public boolean appliqueA(String natureAutorisation) {
      return naturesAutorisation.contains(natureAutorisation);
    }
  }

  /**
   * A row of the récolement table: with no contrainte, the common délai; with one, the délai when
   * the project has it.
   */
  public record DelaiContestation(String contrainte, int mois, String article, String motif) {}

  /** What applies to one DAACT: the longest délai among the rows that hold, and why. */
  public record Contestation(int mois, String article, List<String> motifs) {}

  public ReglesDeclarations {
    regles = List.copyOf(regles);
    delais = List.copyOf(delais);
    if (delais.stream().noneMatch(d -> d.contrainte() == null)) {
      throw new IllegalArgumentException("recolement.csv : aucun délai de droit commun.");
    }
  }

  public Optional<Regle> regle(NatureDeclaration nature) {
    return regles.stream().filter(r -> r.nature() == nature).findFirst();
  }

  /**
   * The window to contest conformity for a project with these contraintes: the common délai, or the
   * longest of the rows whose contrainte the project has (R462-7 lists cases, any one suffices).
   */
  public Contestation contestation(Set<String> contraintes) {
    DelaiContestation commun =
        delais.stream().filter(d -> d.contrainte() == null).findFirst().orElseThrow();
    List<DelaiContestation> speciaux =
        delais.stream()
            .filter(d -> d.contrainte() != null && contraintes.contains(d.contrainte()))
            .toList();
    int mois = speciaux.stream().mapToInt(DelaiContestation::mois).max().orElse(commun.mois());
    if (mois <= commun.mois()) {
      return new Contestation(commun.mois(), commun.article(), List.of(commun.motif()));
    }
    List<String> motifs = new ArrayList<>();
    List<String> articles = new ArrayList<>();
    for (DelaiContestation d : speciaux) {
      if (d.mois() == mois) {
        motifs.add(d.motif());
        if (!articles.contains(d.article())) {
          articles.add(d.article());
        }
      }
    }
    return new Contestation(
        mois, commun.article() + ", " + String.join(", ", articles), List.copyOf(motifs));
  }
}
