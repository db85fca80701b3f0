// The applicants' portal: sign in, "Mes dossiers", the guided new dossier, pièces with progress and immediate
// feedback, deposit, receipts, timeline, the answer to a demande de pièces, the decision. Hash routes, no framework:
// the pages are DSFR markup built with vues.js.

import { appeler, connecter, moi, televerser, televerserPlusieurs, ErreurApi } from './api.js';
import { afficher, alerte, caseACocher, dateFr, el, montrerErreurs, radios, saisie, selection, taille } from './vues.js';

let utilisateur = null;
let choix = null;

const STATUTS = {
  BROUILLON: ['new', 'Brouillon'],
  DEPOSE: ['info', 'Déposé'],
  INCOMPLET: ['warning', 'Incomplet'],
  EN_INSTRUCTION: ['info', 'En instruction'],
  MAJORE: ['info', 'En instruction (délai majoré)'],
  EN_CONSULTATION: ['info', 'En consultation'],
  DECISION_EN_SIGNATURE: ['info', 'Décision en signature'],
  DECIDE: ['success', 'Décidé'],
  DECISION_TACITE: ['success', 'Décision tacite'],
  REJET_TACITE: ['error', 'Rejet tacite'],
  OPPOSITION_TACITE: ['error', 'Opposition tacite'],
};

function badge(dossier) {
  const [type, texte] = STATUTS[dossier.statut] || ['info', dossier.libelleStatut || dossier.statut];
  return el('p', { class: `fr-badge fr-badge--${type} fr-badge--no-icon`, 'data-statut': dossier.statut }, dossier.libelleStatut || texte);
}

/** What the applicant must do now, and the next legal date. */
function attendu(d) {
  const demande = d.instruction && d.instruction.demandePieces;
  switch (d.statut) {
    case 'BROUILLON':
      return d.piecesManquantes && d.piecesManquantes.length
        ? [`Joindre ${d.piecesManquantes.length} pièce(s) obligatoire(s), puis déposer le dossier.`, null]
        : ['Votre dossier est prêt : déposez-le.', null];
    case 'INCOMPLET':
      return [
        `Envoyer les pièces demandées (${(demande && demande.pieces.join(', ')) || ''}) avant le ${dateFr(demande && demande.dateLimite)}.`,
        demande && demande.dateLimite,
      ];
    case 'DECIDE':
      return ["Télécharger l'arrêté signé.", null];
    case 'DECISION_TACITE':
      return ['Télécharger le certificat de décision tacite.', null];
    case 'REJET_TACITE':
    case 'OPPOSITION_TACITE':
      return ['Rien : le dossier est clos faute des pièces demandées.', null];
    default:
      return [
        d.dateDecisionTacite
          ? `Rien pour l'instant : le service instruit votre dossier. Sans réponse, décision tacite le ${dateFr(d.dateDecisionTacite)}.`
          : "Rien pour l'instant : le service instruit votre dossier.",
        d.dateDecisionTacite,
      ];
  }
}

function erreurGenerale(e) {
  if (e instanceof ErreurApi && e.statut === 401) {
    utilisateur = null;
    location.hash = '#/connexion';
    return alerte('warning', 'Session terminée', 'Reconnectez-vous pour continuer.');
  }
  return alerte('error', 'Opération impossible', e.message);
}

// ---------------------------------------------------------------- en-tête

function majEntete() {
  const outils = document.getElementById('outils');
  outils.replaceChildren();
  if (utilisateur) {
    outils.append(
      el('li', {}, el('span', { class: 'fr-btn fr-icon-account-circle-line', id: 'utilisateur' }, utilisateur.nom || utilisateur.login)),
      el('li', {}, el('button', { class: 'fr-btn fr-icon-logout-box-r-line', type: 'button', onclick: seDeconnecter }, 'Se déconnecter')),
    );
  } else {
    outils.append(el('li', {}, el('a', { class: 'fr-btn fr-icon-lock-line', href: '#/connexion' }, 'Se connecter')));
  }
}

function seDeconnecter() {
  // One logout for every sign-in: the platform's session ends, and a FranceConnect or ProConnect
  // session at the provider too (the servlet sends the browser there, then back to /).
  const formulaire = el('form', { method: 'post', action: '/connexion/deconnexion', class: 'fr-hidden' });
  document.body.appendChild(formulaire);
  utilisateur = null;
  formulaire.submit();
}

function estAgent() {
  return utilisateur && utilisateur.roles.some((r) => r !== 'DEMANDEUR');
}

// ---------------------------------------------------------------- pages

function pageAccueil() {
  afficher(
    el('h1', {}, "Déposer une demande d'autorisation d'urbanisme"),
    el(
      'p',
      { class: 'fr-text--lead' },
      'Permis de construire, d’aménager, de démolir, déclaration préalable, certificat d’urbanisme : déposez votre dossier en ligne, recevez aussitôt votre accusé, suivez son instruction et téléchargez la décision.',
    ),
    utilisateur
      ? el('ul', { class: 'fr-btns-group fr-btns-group--inline-md' },
          el('li', {}, el('a', { class: 'fr-btn', href: '#/dossiers' }, 'Mes dossiers')),
          el('li', {}, el('a', { class: 'fr-btn fr-btn--secondary', href: '#/nouveau' }, 'Nouveau dossier')))
      : el('ul', { class: 'fr-btns-group fr-btns-group--inline-md' },
          el('li', {}, el('a', { class: 'fr-btn', href: '#/connexion' }, 'Se connecter'))),
    el('h2', { class: 'fr-mt-5w' }, 'Agents des services instructeurs et maires'),
    el('p', {}, 'Les dossiers s’instruisent et se signent dans la Tasklist, avec le même compte.'),
    el('ul', {},
      el('li', {}, el('a', { href: '/app/tasklist/' }, 'Tasklist'), ' — tâches d’instruction et de signature'),
      el('li', {}, el('a', { href: '/app/cockpit/' }, 'Cockpit'), ' — suivi des processus'),
      el('li', {}, el('a', { href: '/app/admin/' }, 'Administration'), ' — comptes, groupes et droits')),
    el('h2', { class: 'fr-mt-5w' }, 'Intégration'),
    el('ul', {},
      el('li', {}, el('a', { href: '/openapi' }, 'Description OpenAPI de l’API'), ' (/api/v1)'),
      el('li', {}, el('a', { href: '/health' }, 'État de santé'))),
  );
}

function pageConnexion() {
  const message = el('div', { 'aria-live': 'assertive' });
  const formulaire = el(
    'form',
    { novalidate: true, id: 'formulaire-connexion' },
    el('fieldset', { class: 'fr-fieldset' },
      el('legend', { class: 'fr-fieldset__legend' }, 'Votre compte Parcelle'),
      el('div', { class: 'fr-fieldset__element' }, saisie({ libelle: 'Identifiant', champ: 'identifiant', requis: true, autocomplete: 'username' })),
      el('div', { class: 'fr-fieldset__element' }, saisie({ libelle: 'Mot de passe', champ: 'motDePasse', type: 'password', requis: true, autocomplete: 'current-password' }))),
    el('button', { class: 'fr-btn', type: 'submit' }, 'Se connecter'),
  );
  formulaire.addEventListener('submit', async (evt) => {
    evt.preventDefault();
    const identifiant = formulaire.querySelector('[data-champ=identifiant]').value.trim();
    const motDePasse = formulaire.querySelector('[data-champ=motDePasse]').value;
    const manquants = {};
    if (!identifiant) manquants.identifiant = 'Saisissez votre identifiant.';
    if (!motDePasse) manquants.motDePasse = 'Saisissez votre mot de passe.';
    montrerErreurs(formulaire, manquants);
    if (Object.keys(manquants).length) return;
    message.replaceChildren();
    try {
      utilisateur = await connecter(identifiant, motDePasse);
      majEntete();
      location.hash = estAgent() && !utilisateur.roles.includes('DEMANDEUR') ? '#/agents' : '#/dossiers';
    } catch (e) {
      message.replaceChildren(alerte('error', 'Connexion refusée', e.message));
      formulaire.querySelector('[data-champ=motDePasse]').focus();
    }
  });
  const fournisseurs = el('div', { id: 'fournisseurs' });
  afficher(
    el('h1', {}, 'Se connecter'),
    fournisseurs,
    el('p', {}, 'Un seul compte pour le portail et, pour les agents, la Tasklist.'),
    message,
    formulaire,
  );
  // FranceConnect for applicants, ProConnect for agents, when the platform is configured for them.
  fetch('/connexion/fournisseurs', { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : []))
    .then((noms) => {
      if (noms.includes('franceconnect')) {
        fournisseurs.append(el('div', { class: 'fr-connect-group' },
          el('a', { class: 'fr-connect', href: '/connexion/franceconnect?retour=/%23/dossiers', id: 'franceconnect' },
            el('span', { class: 'fr-connect__login' }, 'S’identifier avec'), el('span', { class: 'fr-connect__brand' }, 'FranceConnect')),
          el('p', {}, el('a', { href: 'https://franceconnect.gouv.fr/', target: '_blank', rel: 'noopener', title: 'Qu’est-ce que FranceConnect ? - nouvelle fenêtre' }, 'Qu’est-ce que FranceConnect ?'))));
      }
      if (noms.includes('proconnect')) {
        fournisseurs.append(el('p', {}, el('a', { class: 'fr-btn fr-btn--secondary', href: '/connexion/proconnect?retour=/app/tasklist/', id: 'proconnect' }, 'Agents : s’identifier avec ProConnect')));
      }
      if (noms.length) {
        fournisseurs.append(el('p', { class: 'fr-hr-or' }, 'ou'));
      }
    })
    .catch(() => {});
}

function pageAgents() {
  afficher(
    el('h1', {}, 'Espace des agents'),
    el('p', {}, 'Vous êtes connecté : vos tâches d’instruction, d’avis et de signature sont dans la Tasklist.'),
    el('a', { class: 'fr-btn', href: '/app/tasklist/' }, 'Ouvrir la Tasklist'),
  );
}

async function pageMesDossiers() {
  afficher(el('h1', {}, 'Mes dossiers'), el('p', {}, 'Chargement…'));
  let dossiers;
  try {
    dossiers = await appeler('GET', 'dossiers');
  } catch (e) {
    afficher(el('h1', {}, 'Mes dossiers'), erreurGenerale(e));
    return;
  }
  const lignes = dossiers.map((d) => {
    const [texte, date] = attendu(d);
    return el('tr', { 'data-dossier': d.id },
      el('td', {}, el('a', { href: `#/dossiers/${d.id}` }, d.numeroAffiche || `Brouillon — ${d.libelleType}`)),
      el('td', {}, d.libelleType),
      el('td', {}, adresse(d)),
      el('td', {}, badge(d)),
      el('td', {}, date ? dateFr(date) : '—'),
      el('td', {}, texte));
  });
  afficher(
    el('h1', {}, 'Mes dossiers'),
    el('a', { class: 'fr-btn fr-icon-add-line fr-btn--icon-left fr-mb-3w', href: '#/nouveau' }, 'Nouveau dossier'),
    dossiers.length === 0
      ? el('p', {}, 'Vous n’avez pas encore de dossier.')
      : el('div', { class: 'fr-table fr-table--no-caption' },
          el('table', {},
            el('caption', {}, 'Mes dossiers'),
            el('thead', {}, el('tr', {}, ['Dossier', 'Type', 'Terrain', 'Statut', 'Prochaine date légale', 'Ce qui est attendu de vous'].map((t) => el('th', { scope: 'col' }, t)))),
            el('tbody', {}, lignes))),
  );
}

function adresse(d) {
  const a = d.terrain && d.terrain.adresse;
  if (!a) return '';
  return [a.numero, a.voie, a.codePostal, a.commune].filter(Boolean).join(' ');
}

// ---------------------------------------------------------------- nouveau dossier : le guide

async function chargerChoix() {
  if (!choix) {
    choix = await appeler('GET', 'referentiel');
  }
  return choix;
}

const TRAVAUX = [
  ['CONSTRUCTION_NOUVELLE', 'Construire (maison, annexe, abri, garage, bâtiment)'],
  ['EXTENSION', 'Agrandir une construction existante (extension, véranda, surélévation)'],
  ['CHANGEMENT_DESTINATION', 'Changer la destination d’un bâtiment (grange en logement, commerce en habitation…)'],
  ['ASPECT_EXTERIEUR', 'Modifier l’aspect extérieur (façade, toiture, fenêtres, ravalement)'],
  ['DEMOLITION', 'Démolir tout ou partie d’une construction'],
  ['LOTISSEMENT', 'Diviser un terrain en lots à bâtir (lotissement)'],
  ['CU_INFORMATION', 'Connaître les règles d’urbanisme applicables à un terrain'],
  ['CU_OPERATIONNEL', 'Savoir si un projet précis est réalisable sur un terrain'],
];

async function pageNouveau() {
  try {
    await chargerChoix();
  } catch (e) {
    afficher(el('h1', {}, 'Nouveau dossier'), erreurGenerale(e));
    return;
  }
  const resultat = el('div', { id: 'conseil', 'aria-live': 'polite' });
  const questions = el('form', { id: 'guide', novalidate: true },
    radios({ legende: 'Que voulez-vous faire ?', nom: 'travaux', options: TRAVAUX }),
    el('div', { class: 'fr-grid-row fr-grid-row--gutters' },
      el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Surface créée (m²)', champ: 'surfaceCreeeM2', type: 'text', aide: 'Surface de plancher ou emprise au sol créée, la plus grande des deux', attributs: { inputmode: 'decimal' } })),
      el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Surface totale après travaux (m²)', champ: 'surfaceTotaleApresM2', type: 'text', aide: 'Pour un agrandissement : l’existant plus la surface créée', attributs: { inputmode: 'decimal' } }))),
    el('fieldset', { class: 'fr-fieldset' },
      el('legend', { class: 'fr-fieldset__legend' }, 'Votre projet et votre terrain'),
      el('div', { class: 'fr-fieldset__element' }, caseACocher({ libelle: 'Il s’agit d’une maison individuelle ou de ses annexes', nom: 'maisonIndividuelle' })),
      el('div', { class: 'fr-fieldset__element' }, caseACocher({ libelle: 'Le terrain est en zone urbaine (U) d’un plan local d’urbanisme', nom: 'zoneUrbaine', aide: 'Voir le PLU sur le Géoportail de l’urbanisme' })),
      el('div', { class: 'fr-fieldset__element' }, caseACocher({ libelle: 'Le terrain est dans un secteur protégé', nom: 'secteurProtege', aide: 'Site patrimonial remarquable, abords d’un monument historique, site classé' })),
      el('div', { class: 'fr-fieldset__element' }, caseACocher({ libelle: 'Les travaux modifient les structures porteuses ou la façade', nom: 'modifieStructureOuFacade' })),
      el('div', { class: 'fr-fieldset__element' }, caseACocher({ libelle: 'Le lotissement crée des voies ou des équipements communs', nom: 'equipementsCommuns' }))),
    el('button', { class: 'fr-btn', type: 'submit' }, 'Quelle formalité ?'),
  );
  questions.addEventListener('submit', async (evt) => {
    evt.preventDefault();
    const p = new URLSearchParams();
    const travaux = questions.querySelector('input[name=travaux]:checked');
    if (travaux) p.set('travaux', travaux.value);
    for (const nom of ['surfaceCreeeM2', 'surfaceTotaleApresM2']) {
      const v = questions.querySelector(`[data-champ=${nom}]`).value.trim();
      if (v) p.set(nom, v);
    }
    for (const nom of ['maisonIndividuelle', 'zoneUrbaine', 'secteurProtege', 'modifieStructureOuFacade', 'equipementsCommuns']) {
      p.set(nom, questions.querySelector(`input[name=${nom}]`).checked ? 'true' : 'false');
    }
    resultat.replaceChildren();
    try {
      const conseil = await appeler('GET', `referentiel/formalite?${p}`);
      montrerErreurs(questions, {});
      resultat.replaceChildren(vueConseil(conseil, questions));
      resultat.querySelector('h2').setAttribute('tabindex', '-1');
      resultat.querySelector('h2').focus();
    } catch (e) {
      if (e.statut === 422) {
        const reste = montrerErreurs(questions, e.champs);
        if (reste.travaux) {
          resultat.replaceChildren(alerte('error', 'Réponse manquante', reste.travaux));
        }
      } else {
        resultat.replaceChildren(erreurGenerale(e));
      }
    }
  });
  afficher(
    el('h1', {}, 'Nouveau dossier'),
    el('p', { class: 'fr-text--lead' }, 'Quelques questions sur vos travaux disent quel formulaire déposer et quelles pièces joindre.'),
    el('div', { class: 'fr-stepper' },
      el('h2', { class: 'fr-stepper__title' }, 'Vos travaux', el('span', { class: 'fr-stepper__state' }, 'Étape 1 sur 2')),
      el('div', { class: 'fr-stepper__steps', 'data-fr-current-step': '1', 'data-fr-steps': '2' }),
      el('p', { class: 'fr-stepper__details' }, el('span', { class: 'fr-text--bold' }, 'Étape suivante : '), 'Votre demande')),
    questions,
    resultat,
  );
}

function vueConseil(conseil, questions) {
  if (conseil.formalite === 'AUCUNE') {
    return el('div', { class: 'fr-mt-5w' },
      el('h2', {}, 'Aucune formalité'),
      alerte('info', `Article ${conseil.article}`, conseil.explication));
  }
  const maison = questions.querySelector('input[name=maisonIndividuelle]').checked;
  return el('div', { class: 'fr-mt-5w' },
    el('h2', {}, `${conseil.libelle} (cerfa ${conseil.cerfa})`),
    el('p', { id: 'formalite', 'data-formalite': conseil.formalite }, conseil.explication, ' ', el('span', { class: 'fr-text--sm' }, `(${conseil.article})`)),
    conseil.motifArchitecte ? alerte(conseil.architecteObligatoire ? 'warning' : 'info', conseil.architecteObligatoire ? 'Architecte obligatoire' : 'Architecte', conseil.motifArchitecte) : null,
    el('h3', {}, 'Les pièces à joindre'),
    listePieces(conseil.pieces),
    el('button', { class: 'fr-btn', type: 'button', onclick: () => pageDemande(conseil, maison, questions) }, 'Continuer avec ce formulaire'),
  );
}

function listePieces(pieces) {
  return el('ul', { class: 'fr-mb-3w' }, pieces.map((p) =>
    el('li', {},
      el('strong', {}, `${p.code} — ${p.libelle}`),
      p.obligatoire ? el('span', { class: 'fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon fr-ml-1w' }, 'obligatoire') : el('span', { class: 'fr-badge fr-badge--sm fr-badge--no-icon fr-ml-1w' }, 'selon le projet'),
      el('br'),
      el('span', { class: 'fr-text--sm' }, p.aide ? `${p.aide} ` : '', `(${p.article})`))));
}

function pageDemande(conseil, maison, questions) {
  const surface = questions.querySelector('[data-champ=surfaceCreeeM2]').value.trim().replace(',', '.');
  const protege = questions.querySelector('input[name=secteurProtege]').checked;
  const message = el('div', { 'aria-live': 'assertive' });
  const communes = choix.communes.map((c) => [c.insee, `${c.nom} (${c.insee})`]);
  const formulaire = el('form', { id: 'demande', novalidate: true },
    el('h2', {}, 'Le terrain'),
    selection({ libelle: 'Commune', champ: 'communeInsee', options: communes, requis: true }),
    el('div', { class: 'fr-grid-row fr-grid-row--gutters' },
      el('div', { class: 'fr-col-12 fr-col-md-2' }, saisie({ libelle: 'Numéro', champ: 'terrain.adresse.numero' })),
      el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Voie', champ: 'terrain.adresse.voie', requis: true })),
      el('div', { class: 'fr-col-12 fr-col-md-4' }, saisie({ libelle: 'Code postal', champ: 'terrain.adresse.codePostal', requis: true, attributs: { inputmode: 'numeric' } }))),
    el('p', { class: 'fr-text--bold fr-mb-1w' }, 'Parcelle cadastrale'),
    el('div', { class: 'fr-grid-row fr-grid-row--gutters' },
      el('div', { class: 'fr-col-6 fr-col-md-3' }, saisie({ libelle: 'Préfixe', champ: 'terrain.parcelles[0].prefixe', valeur: '000' })),
      el('div', { class: 'fr-col-6 fr-col-md-3' }, saisie({ libelle: 'Section', champ: 'terrain.parcelles[0].section', requis: true })),
      el('div', { class: 'fr-col-6 fr-col-md-3' }, saisie({ libelle: 'Numéro', champ: 'terrain.parcelles[0].numero', requis: true })),
      el('div', { class: 'fr-col-6 fr-col-md-3' }, saisie({ libelle: 'Surface (m²)', champ: 'terrain.parcelles[0].surfaceM2', attributs: { inputmode: 'decimal' } }))),
    el('h2', { class: 'fr-mt-3w' }, 'Le demandeur'),
    el('div', { class: 'fr-grid-row fr-grid-row--gutters' },
      el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Nom', champ: 'demandeurs[0].nom', requis: true, autocomplete: 'family-name' })),
      el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Prénom', champ: 'demandeurs[0].prenom', requis: true, autocomplete: 'given-name' }))),
    saisie({ libelle: 'Adresse électronique', champ: 'demandeurs[0].email', type: 'email', requis: true, autocomplete: 'email', aide: 'Les accusés et la décision y sont annoncés' }),
    el('h2', { class: 'fr-mt-3w' }, 'Le projet'),
    el('div', { class: 'fr-input-group', 'data-groupe': 'projet.description' },
      el('label', { class: 'fr-label', for: 'description' }, 'Description du projet (obligatoire)'),
      el('textarea', { class: 'fr-input', id: 'description', 'data-champ': 'projet.description', 'aria-describedby': 'description-erreur', rows: 3 }),
      el('p', { class: 'fr-error-text fr-hidden', id: 'description-erreur' })),
    el('div', { class: 'fr-grid-row fr-grid-row--gutters' },
      el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Surface de plancher créée (m²)', champ: 'projet.surfacePlancherCreeeM2', valeur: surface, attributs: { inputmode: 'decimal' } })),
      el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Logements créés', champ: 'projet.logementsCrees', valeur: maison && conseil.formalite !== 'DP' ? '1' : '', attributs: { inputmode: 'numeric' } }))),
    el('fieldset', { class: 'fr-fieldset', 'data-groupe': 'projet.contraintes' },
      el('legend', { class: 'fr-fieldset__legend' }, 'Le terrain ou le projet est concerné par', el('span', { class: 'fr-hint-text' }, 'Chaque case peut ajouter des pièces, allonger le délai ou appeler une consultation')),
      choix.contraintes.map((c) => el('div', { class: 'fr-fieldset__element' }, caseACocher({ libelle: c.libelle, nom: 'contrainte', valeur: c.code, coche: protege && c.code === 'ABORDS_MH' })))),
    conseil.architecteObligatoire || conseil.formalite === 'PC'
      ? el('div', {},
          el('h2', { class: 'fr-mt-3w' }, 'L’architecte'),
          el('div', { class: 'fr-grid-row fr-grid-row--gutters' },
            el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Nom de l’architecte', champ: 'architecte.nom', requis: conseil.architecteObligatoire })),
            el('div', { class: 'fr-col-12 fr-col-md-6' }, saisie({ libelle: 'Numéro d’inscription à l’Ordre (CROA)', champ: 'architecte.numeroCroa', requis: conseil.architecteObligatoire }))))
      : null,
    message,
    el('ul', { class: 'fr-btns-group fr-btns-group--inline-md fr-mt-3w' },
      el('li', {}, el('button', { class: 'fr-btn', type: 'submit' }, 'Créer le dossier')),
      el('li', {}, el('button', { class: 'fr-btn fr-btn--secondary', type: 'button', onclick: () => pageNouveau() }, 'Revenir aux questions'))),
  );
  formulaire.addEventListener('submit', async (evt) => {
    evt.preventDefault();
    const v = (champ) => {
      const c = formulaire.querySelector(`[data-champ="${champ}"]`);
      const texte = c ? c.value.trim() : '';
      return texte === '' ? null : texte;
    };
    const nombre = (champ) => (v(champ) === null ? null : Number(v(champ).replace(',', '.')));
    const commune = choix.communes.find((c) => c.insee === v('communeInsee'));
    const corps = {
      type: conseil.formalite,
      communeInsee: v('communeInsee'),
      demandeurs: [{ nature: 'PARTICULIER', nom: v('demandeurs[0].nom'), prenom: v('demandeurs[0].prenom'), email: v('demandeurs[0].email') }],
      terrain: {
        adresse: { numero: v('terrain.adresse.numero'), voie: v('terrain.adresse.voie'), codePostal: v('terrain.adresse.codePostal'), commune: commune ? commune.nom : null },
        parcelles: [{ prefixe: v('terrain.parcelles[0].prefixe'), section: v('terrain.parcelles[0].section'), numero: v('terrain.parcelles[0].numero'), surfaceM2: nombre('terrain.parcelles[0].surfaceM2') }],
      },
      projet: {
        description: v('projet.description'),
        surfacePlancherCreeeM2: nombre('projet.surfacePlancherCreeeM2'),
        logementsCrees: nombre('projet.logementsCrees'),
        contraintes: [...formulaire.querySelectorAll('input[name=contrainte]:checked')].map((c) => c.value),
      },
    };
    if (v('architecte.nom') || v('architecte.numeroCroa')) {
      corps.architecte = { nom: v('architecte.nom'), numeroCroa: v('architecte.numeroCroa') };
    }
    message.replaceChildren();
    try {
      const cree = await appeler('POST', 'dossiers', corps);
      location.hash = `#/dossiers/${cree.id}`;
    } catch (e) {
      if (e.statut === 422) {
        const reste = montrerErreurs(formulaire, e.champs);
        const autres = Object.entries(reste);
        message.replaceChildren(alerte('error', 'Le dossier n’a pas été créé', e.message, autres.length ? ` ${autres.map(([c, m]) => `${c} : ${m}`).join(' ')}` : ''));
      } else {
        message.replaceChildren(erreurGenerale(e));
      }
    }
  });
  afficher(
    el('h1', {}, `Nouveau dossier : ${conseil.libelle}`),
    el('div', { class: 'fr-stepper' },
      el('h2', { class: 'fr-stepper__title' }, 'Votre demande', el('span', { class: 'fr-stepper__state' }, 'Étape 2 sur 2')),
      el('div', { class: 'fr-stepper__steps', 'data-fr-current-step': '2', 'data-fr-steps': '2' })),
    el('p', {}, 'Après la création, vous joindrez les pièces puis déposerez le dossier.'),
    formulaire,
  );
}

// ---------------------------------------------------------------- un dossier

async function pageDossier(id) {
  let d;
  try {
    d = await appeler('GET', `dossiers/${encodeURIComponent(id)}`);
  } catch (e) {
    afficher(el('h1', {}, 'Dossier'), e.statut === 404 ? alerte('error', 'Dossier introuvable', 'Ce dossier n’existe pas ou ne vous est pas accessible.') : erreurGenerale(e));
    return;
  }
  const [texte] = attendu(d);
  const enBrouillon = d.statut === 'BROUILLON';
  const demande = d.instruction && d.instruction.demandePieces;
  const decision = (d.documents || []).find((x) => x.type === 'ARRETE' || x.type === 'CERTIFICAT_DECISION_TACITE');
  afficher(
    el('nav', { class: 'fr-breadcrumb', 'aria-label': 'vous êtes ici :' },
      el('ol', { class: 'fr-breadcrumb__list' },
        el('li', {}, el('a', { class: 'fr-breadcrumb__link', href: '#/dossiers' }, 'Mes dossiers')),
        el('li', {}, el('a', { class: 'fr-breadcrumb__link', 'aria-current': 'page' }, d.numeroAffiche || 'Brouillon')))),
    el('h1', {}, d.numeroAffiche ? `Dossier ${d.numeroAffiche}` : `Brouillon — ${d.libelleType}`),
    el('p', {}, d.libelleType, ' · ', adresse(d)),
    badge(d),
    alerte(d.statut === 'INCOMPLET' ? 'warning' : 'info', 'Ce qui est attendu de vous', texte),
    decision
      ? el('div', { class: 'fr-callout fr-mb-3w' },
          el('h2', { class: 'fr-callout__title' }, decision.type === 'ARRETE' ? 'La décision' : 'Le certificat de décision tacite'),
          el('p', { class: 'fr-callout__text' }, d.instruction && d.instruction.decision ? d.instruction.decision : '', d.instruction && d.instruction.dateDecision ? ` — ${dateFr(d.instruction.dateDecision)}` : ''),
          lienDocument(decision, true))
      : null,
    dates(d),
    enBrouillon ? sectionPieces(d) : null,
    enBrouillon ? sectionDepot(d) : null,
    d.statut === 'INCOMPLET' && demande ? sectionComplements(d, demande) : null,
    !enBrouillon ? sectionDocuments(d) : null,
    !enBrouillon && d.pieces && d.pieces.length ? el('section', {}, el('h2', {}, 'Les pièces déposées'), el('ul', {}, d.pieces.map((p) => el('li', {}, el('a', { href: p.contenu, download: p.nomFichier || p.code }, `${p.code} — ${p.nomFichier || ''}`), ` (${taille(p.taille)})`)))) : null,
    chronologie(d),
  );
}

function dates(d) {
  const lignes = [
    ['Dépôt', d.dateDepot],
    ['Limite pour vous demander des pièces', d.dateLimiteCompletude],
    ['Fin du délai d’instruction', d.dateFinDelai],
    ['Décision tacite', d.dateDecisionTacite],
  ].filter(([, v]) => v);
  if (!lignes.length) return null;
  return el('section', { class: 'fr-mb-3w' },
    el('h2', {}, 'Les dates légales'),
    el('dl', { class: 'dates' }, lignes.map(([t, v]) => [el('dt', {}, t), el('dd', {}, dateFr(v))])),
    d.delaiInstructionMois ? el('p', { class: 'fr-text--sm' }, `Délai d’instruction : ${d.delaiInstructionMois} mois.`) : null);
}

function lienDocument(doc, principal) {
  const noms = {
    AEE: 'Accusé d’enregistrement électronique',
    RECEPISSE: 'Récépissé de dépôt',
    DEMANDE_PIECES: 'Demande de pièces complémentaires',
    MAJORATION: 'Notification de majoration du délai',
    ARRETE: 'Arrêté signé',
    CERTIFICAT_DECISION_TACITE: 'Certificat de décision tacite',
  };
  return el('a', {
    class: principal ? 'fr-btn fr-icon-download-line fr-btn--icon-left' : 'fr-link fr-icon-download-line fr-link--icon-left',
    href: doc.contenu,
    download: doc.nomFichier,
    'data-document': doc.type,
  }, `${noms[doc.type] || doc.type} (PDF, ${taille(doc.taille)})`);
}

function sectionDocuments(d) {
  if (!d.documents || !d.documents.length) return null;
  return el('section', { class: 'fr-mb-3w' },
    el('h2', {}, 'Les documents de votre dossier'),
    el('ul', {}, d.documents.map((doc) => el('li', {}, lienDocument(doc, false)))));
}

function chronologie(d) {
  if (!d.evenements || !d.evenements.length) return null;
  return el('section', { class: 'fr-mb-3w' },
    el('h2', {}, 'La vie du dossier'),
    el('ol', { class: 'chronologie' }, d.evenements.map((e) =>
      el('li', {}, el('strong', {}, dateFr(e.dateLegale)), ' — ', e.libelle, e.detail ? ` : ${e.detail}` : '', e.article ? el('span', { class: 'fr-text--sm' }, ` (${e.article})`) : null))));
}

/**
 * One upload control per pièce: progress bar, the file received, or the reason it was refused and what to do. Its
 * states are also registered in `etatsParCode` (when given), for the grouped upload to show each file's fate under
 * its pièce.
 */
function controleTeleversement(chemin, attendue, recue, apres, etatsParCode) {
  const id = `fichier-${attendue.code}`;
  let retenue = recue;
  const etat = el('p', { class: 'fr-text--sm fr-mb-1w', id: `${id}-etat`, 'aria-live': 'polite' },
    recue ? `Reçu : ${recue.nomFichier || 'fichier'} (${taille(recue.taille)}${recue.pages ? `, ${recue.pages} page(s)` : ''})` : 'Aucun fichier');
  const erreur = el('p', { class: 'fr-error-text fr-hidden', id: `${id}-erreur`, role: 'alert' });
  const barre = el('progress', { max: 100, value: 0, class: 'fr-hidden', id: `${id}-progression`, 'aria-label': `Envoi de ${attendue.code}` });
  const input = el('input', { class: 'fr-upload', type: 'file', id, name: attendue.code, accept: 'application/pdf,image/jpeg,image/png', 'aria-describedby': `${id}-aide ${id}-etat ${id}-erreur`, 'data-piece': attendue.code });
  const groupe = el('div', { class: 'fr-upload-group fr-mb-3w', 'data-piece-groupe': attendue.code },
    el('label', { class: 'fr-label', for: id },
      `${attendue.code} — ${attendue.libelle}`,
      attendue.obligatoire ? ' (obligatoire)' : ' (selon le projet)',
      el('span', { class: 'fr-hint-text', id: `${id}-aide` }, `${attendue.aide ? `${attendue.aide} ` : ''}PDF, JPEG ou PNG. ${attendue.article || ''}`)),
    input, barre, etat, erreur);
  const etats = {
    envoi(nom) {
      groupe.classList.remove('fr-upload-group--error');
      input.removeAttribute('aria-invalid');
      erreur.classList.add('fr-hidden');
      erreur.textContent = '';
      barre.classList.remove('fr-hidden');
      barre.value = 0;
      etat.textContent = `Envoi de ${nom}…`;
    },
    progression(pourcent) {
      barre.value = pourcent;
    },
    recue(piece, nom) {
      retenue = piece;
      barre.value = 100;
      etat.textContent = `Reçu : ${piece.nomFichier || nom} (${taille(piece.taille)}${piece.pages ? `, ${piece.pages} page(s)` : ''}) — vérifié`;
    },
    refusee(texte) {
      barre.classList.add('fr-hidden');
      groupe.classList.add('fr-upload-group--error');
      input.setAttribute('aria-invalid', 'true');
      erreur.textContent = texte;
      erreur.classList.remove('fr-hidden');
      etat.textContent = retenue ? `Toujours retenu : ${retenue.nomFichier || 'fichier précédent'}` : 'Aucun fichier retenu';
    },
  };
  if (etatsParCode) etatsParCode.set(attendue.code, etats);
  input.addEventListener('change', async () => {
    const fichier = input.files[0];
    if (!fichier) return;
    etats.envoi(fichier.name);
    try {
      const piece = await televerser(`${chemin}/${encodeURIComponent(attendue.code)}`, fichier, (envoye, total) => {
        etats.progression(Math.round((envoye * 100) / total));
      });
      etats.recue(piece, fichier.name);
      if (apres) apres();
    } catch (e) {
      etats.refusee(e.statut === 401 ? 'Session terminée : reconnectez-vous.' : `Fichier refusé : ${e.message}`);
    }
  });
  return groupe;
}

/**
 * The pièce a file is named after: the longest of `codes` its name starts with (any case), followed by anything but
 * a letter or a digit ("PCMI1 plan.pdf", "pcmi10_coupe.pdf", "PCMI2.pdf"); null when none.
 */
function codeDuFichier(nom, codes) {
  const majuscules = nom.toUpperCase();
  let trouve = null;
  for (const code of codes) {
    const c = code.toUpperCase();
    if (majuscules.startsWith(c) && !/[0-9A-Z]/.test(majuscules.charAt(c.length)) && (!trouve || c.length > trouve.length)) {
      trouve = code;
    }
  }
  return trouve;
}

function nombre(n, singulier, pluriel) {
  return `${n} ${n > 1 ? pluriel : singulier}`;
}

/**
 * Several pièces in one request: each file goes under the pièce its name starts with, is checked as a single upload
 * would be, and its fate is shown under that pièce; a summary says what was received, refused or not sent.
 */
function envoiGroupe(chemin, attendues, etatsParCode) {
  const id = 'fichiers-groupes';
  const resume = el('div', { id: `${id}-resume`, 'aria-live': 'polite' });
  const barre = el('progress', { max: 100, value: 0, class: 'fr-hidden', id: `${id}-progression`, 'aria-label': 'Envoi des fichiers' });
  const input = el('input', { class: 'fr-upload', type: 'file', id, multiple: true, accept: 'application/pdf,image/jpeg,image/png', 'aria-describedby': `${id}-aide ${id}-resume` });
  const groupe = el('div', { class: 'fr-upload-group fr-mb-5w', id: 'envoi-groupe' },
    el('label', { class: 'fr-label', for: id }, 'Envoyer plusieurs pièces d’un coup',
      el('span', { class: 'fr-hint-text', id: `${id}-aide` },
        'Commencez le nom de chaque fichier par le code de sa pièce, par exemple « PCMI1 plan de situation.pdf » : chaque fichier est rangé sous sa pièce et vérifié comme un envoi seul. 60 fichiers au plus.')),
    input, barre, resume);
  input.addEventListener('change', async () => {
    const fichiers = [...input.files];
    if (!fichiers.length) return;
    const codes = attendues.map((a) => a.code);
    const parCode = {};
    const nonReconnus = [];
    const memeCode = [];
    for (const f of fichiers) {
      const code = codeDuFichier(f.name, codes);
      if (!code) nonReconnus.push(f.name);
      else if (parCode[code]) memeCode.push(f.name);
      else parCode[code] = f;
    }
    const nonEnvoyes = [];
    if (nonReconnus.length) {
      nonEnvoyes.push(`Non envoyés, leur nom ne commence par aucun code de pièce de ce dossier (${codes.join(', ')}) : ${nonReconnus.join(', ')}.`);
    }
    if (memeCode.length) {
      nonEnvoyes.push(`Non envoyés, un autre fichier choisi porte le même code : ${memeCode.join(', ')}.`);
    }
    const envoyes = Object.keys(parCode);
    input.value = '';
    if (!envoyes.length) {
      resume.replaceChildren(alerte('error', 'Aucun fichier envoyé', nonEnvoyes.join(' ')));
      return;
    }
    for (const code of envoyes) etatsParCode.get(code).envoi(parCode[code].name);
    barre.classList.remove('fr-hidden');
    barre.value = 0;
    resume.replaceChildren(el('p', {}, `Envoi de ${nombre(envoyes.length, 'fichier', 'fichiers')}…`));
    let jointes = [];
    let refus = [];
    let erreur = null;
    try {
      jointes = (await televerserPlusieurs(chemin, parCode, (envoye, total) => {
        barre.value = Math.round((envoye * 100) / total);
      })).pieces || [];
    } catch (e) {
      erreur = e;
      jointes = e.probleme.pieces || [];
      refus = e.probleme.refus || [];
    }
    barre.classList.add('fr-hidden');
    for (const p of jointes) etatsParCode.get(p.code)?.recue(p, p.nomFichier);
    for (const r of refus) etatsParCode.get(r.code)?.refusee(`Fichier refusé : ${r.detail}`);
    // Sent, yet neither joined nor refused: the request broke off before them (session, connection, limits).
    const traites = new Set([...jointes.map((p) => p.code), ...refus.map((r) => r.code)]);
    const nonRecus = envoyes.filter((c) => !traites.has(c));
    const raison = erreur && erreur.statut === 401 ? 'Session terminée : reconnectez-vous.' : `Non reçu : ${erreur ? erreur.message : 'envoi interrompu'}`;
    for (const c of nonRecus) etatsParCode.get(c).refusee(raison);
    const lignes = [];
    if (jointes.length) lignes.push(el('li', {}, `Reçues et vérifiées : ${jointes.map((p) => p.code).join(', ')}.`));
    for (const r of refus) lignes.push(el('li', {}, `${r.code} (${r.nomFichier || 'fichier'}) refusé : ${r.detail}`));
    if (nonRecus.length) lignes.push(el('li', {}, `${raison} (${nonRecus.join(', ')})`));
    for (const m of nonEnvoyes) lignes.push(el('li', {}, m));
    const probleme = refus.length || nonRecus.length || nonEnvoyes.length;
    const titre = `${nombre(jointes.length, 'pièce reçue', 'pièces reçues')} sur ${nombre(fichiers.length, 'fichier choisi', 'fichiers choisis')}`;
    resume.replaceChildren(el('div', {
      class: `fr-alert fr-alert--${!probleme ? 'success' : jointes.length ? 'warning' : 'error'} fr-mt-2w`,
      role: probleme ? 'alert' : 'status',
      'data-recues': jointes.length,
      'data-refusees': refus.length + nonRecus.length,
    }, el('h3', { class: 'fr-alert__title' }, titre), el('ul', {}, lignes)));
  });
  return groupe;
}

function sectionPieces(d) {
  const aides = {};
  const etatsParCode = new Map();
  const chemin = `dossiers/${d.id}/pieces`;
  const section = el('section', { class: 'fr-mb-3w', id: 'pieces' }, el('h2', {}, 'Les pièces'),
    el('p', {}, 'Chaque fichier est vérifié dès l’envoi : en cas de refus, la raison et la façon de corriger s’affichent sous la pièce.'));
  // The help texts come with the guide's list; the dossier itself carries code, label, article, obligation.
  appeler('GET', `referentiel/pieces?type=${encodeURIComponent(d.type)}&contraintes=${encodeURIComponent([...(d.projet.contraintes || [])].join(','))}`)
    .then((liste) => {
      for (const p of liste) aides[p.code] = p.aide;
      section.append(envoiGroupe(chemin, d.piecesAttendues, etatsParCode));
      for (const p of d.piecesAttendues) {
        const recue = (d.pieces || []).find((x) => x.code === p.code);
        section.append(controleTeleversement(chemin, { ...p, aide: aides[p.code] }, recue, null, etatsParCode));
      }
    })
    .catch((e) => section.append(erreurGenerale(e)));
  return section;
}

function sectionDepot(d) {
  const message = el('div', { 'aria-live': 'assertive', id: 'message-depot' });
  const bouton = el('button', { class: 'fr-btn fr-icon-send-plane-line fr-btn--icon-left', type: 'button', id: 'deposer' }, 'Déposer le dossier');
  bouton.addEventListener('click', async () => {
    bouton.disabled = true;
    message.replaceChildren(el('p', {}, 'Dépôt en cours…'));
    try {
      await appeler('POST', `dossiers/${d.id}/depot`);
      await pageDossier(d.id);
    } catch (e) {
      bouton.disabled = false;
      const champs = e.statut === 422 ? Object.values(e.champs) : [];
      message.replaceChildren(alerte('error', 'Le dossier n’a pas été déposé', e.message, champs.length ? ` ${champs.join(' ')}` : ''));
      message.querySelector('.fr-alert').setAttribute('tabindex', '-1');
      message.querySelector('.fr-alert').focus();
    }
  });
  return el('section', { class: 'fr-mb-5w' },
    el('h2', {}, 'Le dépôt'),
    el('p', {}, 'Le dépôt attribue le numéro légal du dossier et délivre aussitôt l’accusé d’enregistrement et le récépissé.'),
    message, bouton);
}

function sectionComplements(d, demande) {
  const message = el('div', { 'aria-live': 'assertive', id: 'message-complements' });
  const section = el('section', { class: 'fr-mb-5w', id: 'complements' },
    el('h2', {}, 'Répondre à la demande de pièces'),
    el('p', {}, `Le service vous a demandé, le ${dateFr(demande.date)}, les pièces suivantes. Envoyez-les toutes avant le ${dateFr(demande.dateLimite)} : passé ce délai, la demande est rejetée tacitement.`));
  appeler('GET', `referentiel/pieces?type=${encodeURIComponent(d.type)}`)
    .then((liste) => {
      for (const code of demande.pieces) {
        const p = d.piecesAttendues.find((x) => x.code === code) || liste.find((x) => x.code === code) || { code, libelle: code, obligatoire: true };
        const aide = (liste.find((x) => x.code === code) || {}).aide;
        section.insertBefore(controleTeleversement(`dossiers/${d.id}/pieces-complementaires`, { ...p, obligatoire: true, aide }, null, null), message);
      }
    })
    .catch((e) => section.append(erreurGenerale(e)));
  const bouton = el('button', { class: 'fr-btn', type: 'button', id: 'transmettre' }, 'Transmettre les pièces');
  bouton.addEventListener('click', async () => {
    bouton.disabled = true;
    try {
      await appeler('POST', `dossiers/${d.id}/pieces-complementaires`);
      await pageDossier(d.id);
    } catch (e) {
      bouton.disabled = false;
      const champs = e.statut === 422 ? Object.values(e.champs) : [];
      message.replaceChildren(alerte('error', 'Les pièces n’ont pas été transmises', e.message, champs.length ? ` ${champs.join(' ')}` : ''));
    }
  });
  section.append(message, bouton);
  return section;
}

// ---------------------------------------------------------------- routage

async function router() {
  const chemin = location.hash.replace(/^#/, '') || '/';
  if (utilisateur === null && chemin !== '/' && chemin !== '/connexion') {
    utilisateur = await moi().catch(() => null);
    majEntete();
    if (!utilisateur) {
      location.hash = '#/connexion';
      return;
    }
  }
  const dossier = chemin.match(/^\/dossiers\/([0-9a-fA-F-]{36})$/);
  if (chemin === '/connexion') pageConnexion();
  else if (chemin === '/dossiers') await pageMesDossiers();
  else if (chemin === '/nouveau') await pageNouveau();
  else if (chemin === '/agents') pageAgents();
  else if (dossier) await pageDossier(dossier[1]);
  else pageAccueil();
}

window.addEventListener('hashchange', router);
moi()
  .catch(() => null)
  .then((u) => {
    utilisateur = u;
    majEntete();
    router();
  });
