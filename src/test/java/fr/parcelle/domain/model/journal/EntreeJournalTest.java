package fr.parcelle.domain.model.journal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.domain.model.journal.RapportVerification.NatureRupture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The canonical serialisation and the walk along the chain, without a database. */
class EntreeJournalTest {

  private static final UUID DOSSIER = UUID.fromString("0b9c2a52-7a0e-4c7e-9d0e-5f1c8a3b2d11");

  @Test
  void la_forme_canonique_prefixe_chaque_champ_de_sa_longueur_en_octets() throws Exception {
    EntreeJournal e =
        new EntreeJournal(
            7,
            Instant.parse("2026-03-01T10:15:30.000120Z"),
            "DEPOT",
            DOSSIER,
            "PC0350250000012",
            "élodie",
            "{\"a\": 1}",
            "ab".repeat(32),
            "");
    assertThat(e.formeCanonique())
        .isEqualTo(
            "1:7\n27:2026-03-01T10:15:30.000120Z\n5:DEPOT\n36:"
                + DOSSIER
                + "\n15:PC0350250000012\n7:élodie\n8:{\"a\": 1}\n64:"
                + "ab".repeat(32)
                + "\n");
    assertThat(e.hashCalcule())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(e.formeCanonique().getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void un_champ_ne_peut_pas_deborder_sur_le_suivant() {
    // Same concatenated characters, split differently: different canonical forms.
    EntreeJournal a = entree(1, "ACCES", "ab", "c", EntreeJournal.GENESE);
    EntreeJournal b = entree(1, "ACCES", "a", "bc", EntreeJournal.GENESE);
    assertThat(a.hashCalcule()).isNotEqualTo(b.hashCalcule());
  }

  @Test
  void une_chaine_bien_formee_est_intacte_et_sa_fin_est_comparee_a_la_tete() {
    EntreeJournal un = scelle(entree(1, "DEPOT", "moteur", "{}", EntreeJournal.GENESE));
    EntreeJournal deux = scelle(entree(2, "ACCES", "instructeur", "{}", un.hash()));
    VerificationChaine v = new VerificationChaine();
    assertThat(v.examiner(un)).isTrue();
    assertThat(v.examiner(deux)).isTrue();
    RapportVerification r = v.conclure(2, deux.hash(), Instant.now());
    assertThat(r.intact()).isTrue();
    assertThat(r.entreesVerifiees()).isEqualTo(2);

    VerificationChaine tronquee = new VerificationChaine();
    tronquee.examiner(un);
    RapportVerification coupee = tronquee.conclure(2, deux.hash(), Instant.now());
    assertThat(coupee.intact()).isFalse();
    assertThat(coupee.rupture().nature()).isEqualTo(NatureRupture.FIN_DE_CHAINE_INCOHERENTE);
  }

  @Test
  void chaque_rupture_est_nommee() {
    EntreeJournal un = scelle(entree(1, "DEPOT", "moteur", "{}", EntreeJournal.GENESE));
    EntreeJournal deux = scelle(entree(2, "ACCES", "instructeur", "{}", un.hash()));
    EntreeJournal trois = scelle(entree(3, "ACCES", "maire", "{}", deux.hash()));

    assertThat(premiereRupture(un, trois).nature()).isEqualTo(NatureRupture.ENTREE_SUPPRIMEE);
    assertThat(premiereRupture(un, trois).sequence()).isEqualTo(2);

    EntreeJournal deuxModifiee =
        new EntreeJournal(
            2,
            deux.instant(),
            "ACCES",
            null,
            null,
            "quelqu'un d'autre",
            "{}",
            deux.hashPrecedent(),
            deux.hash());
    assertThat(premiereRupture(un, deuxModifiee, trois).nature())
        .isEqualTo(NatureRupture.ENTREE_ALTEREE);

    EntreeJournal intruse = scelle(entree(2, "ACCES", "intrus", "{}", un.hash()));
    assertThat(premiereRupture(un, intruse, trois).nature())
        .isEqualTo(NatureRupture.CHAINAGE_ROMPU);
    assertThat(premiereRupture(un, intruse, trois).sequence()).isEqualTo(3);
  }

  private static RapportVerification.Rupture premiereRupture(EntreeJournal... entrees) {
    VerificationChaine v = new VerificationChaine();
    for (EntreeJournal e : entrees) {
      if (!v.examiner(e)) {
        break;
      }
    }
    EntreeJournal derniere = entrees[entrees.length - 1];
    return v.conclure(derniere.sequence(), derniere.hash(), Instant.now()).rupture();
  }

  private static EntreeJournal entree(
      long sequence, String type, String acteur, String charge, String precedent) {
    return new EntreeJournal(
        sequence,
        Instant.parse("2026-03-01T10:15:30Z").plusSeconds(sequence),
        type,
        null,
        null,
        acteur,
        charge,
        precedent,
        "");
  }

  private static EntreeJournal scelle(EntreeJournal e) {
    return new EntreeJournal(
        e.sequence(),
        e.instant(),
        e.type(),
        e.dossierId(),
        e.dossierNumero(),
        e.acteur(),
        e.charge(),
        e.hashPrecedent(),
        e.hashCalcule());
  }
}
