package fr.parcelle.domain.model.journal;

import fr.parcelle.domain.model.journal.RapportVerification.NatureRupture;
import fr.parcelle.domain.model.journal.RapportVerification.Rupture;
import java.time.Instant;

/**
 * Walks the journal in sequence order, one entry at a time (the journal may be large: nothing is
 * kept but the last link), and stops at the first broken link.
 *
 * <p>Each entry is checked three ways: its number follows the previous one (a gap is a deletion),
 * its hash is that of its fields (otherwise it was altered), and its previous hash is the hash
 * before it (otherwise an entry was inserted, replaced or moved). The end is compared with the head
 * table, which the database advances with every append: entries cut from the end show there.
 */
public final class VerificationChaine {

  private long attendue = 1;
  private String precedent = EntreeJournal.GENESE;
  private long verifiees;
  private Rupture rupture;

  /**
   * Checks the next entry.
   *
   * @return false once a broken link is found (the walk may stop)
   */
  public boolean examiner(EntreeJournal e) {
    if (rupture != null) {
      return false;
    }
    if (e.sequence() != attendue) {
      rupture =
          e.sequence() > attendue
              ? new Rupture(
                  attendue,
                  NatureRupture.ENTREE_SUPPRIMEE,
                  (e.sequence() - attendue == 1
                          ? "L'entrée n° " + attendue + " manque"
                          : "Les entrées n° " + attendue + " à " + (e.sequence() - 1) + " manquent")
                      + " : la séquence passe de "
                      + (attendue - 1)
                      + " à "
                      + e.sequence()
                      + ".")
              : new Rupture(
                  e.sequence(),
                  NatureRupture.CHAINAGE_ROMPU,
                  "L'entrée n° "
                      + e.sequence()
                      + " arrive après l'entrée n° "
                      + (attendue - 1)
                      + " : l'ordre du journal a été modifié.");
      return false;
    }
    if (!e.intacte()) {
      rupture =
          new Rupture(
              e.sequence(),
              NatureRupture.ENTREE_ALTEREE,
              "L'entrée n° "
                  + e.sequence()
                  + " a été modifiée : son empreinte enregistrée ("
                  + e.hash()
                  + ") n'est pas celle de son contenu ("
                  + e.hashCalcule()
                  + ").");
      return false;
    }
    if (!e.hashPrecedent().equals(precedent)) {
      rupture =
          new Rupture(
              e.sequence(),
              NatureRupture.CHAINAGE_ROMPU,
              "L'entrée n° "
                  + e.sequence()
                  + " ne suit pas l'entrée qui la précède : elle désigne l'empreinte "
                  + e.hashPrecedent()
                  + " au lieu de "
                  + precedent
                  + " (entrée insérée, remplacée ou déplacée).");
      return false;
    }
    precedent = e.hash();
    attendue++;
    verifiees++;
    return true;
  }

  /** The report, once every entry has been examined, given the head table's state. */
  public RapportVerification conclure(long sequenceDeTete, String hashDeTete, Instant maintenant) {
    long derniere = attendue - 1;
    if (rupture == null && (sequenceDeTete != derniere || !precedent.equals(hashDeTete))) {
      rupture =
          new Rupture(
              Math.min(derniere, sequenceDeTete) + 1,
              NatureRupture.FIN_DE_CHAINE_INCOHERENTE,
              "Le journal s'arrête à l'entrée n° "
                  + derniere
                  + " (empreinte "
                  + precedent
                  + ") alors que sa tête en annonce "
                  + sequenceDeTete
                  + " (empreinte "
                  + hashDeTete
                  + ") : des entrées ont été retirées de la fin, ou ajoutées hors chaîne.");
    }
    return new RapportVerification(
        rupture == null,
        verifiees,
        derniere,
        precedent,
        sequenceDeTete,
        hashDeTete,
        rupture,
        maintenant);
  }
}
