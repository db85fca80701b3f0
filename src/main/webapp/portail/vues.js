// Small DOM helpers: every text goes in as a text node (never as HTML), so nothing a user typed or a file name can
// inject markup into the page.

/** el('p', {class: 'fr-text'}, 'texte', autreNoeud) */
export function el(balise, attributs, ...enfants) {
  const noeud = document.createElement(balise);
  for (const [nom, valeur] of Object.entries(attributs || {})) {
    if (valeur === undefined || valeur === null || valeur === false) {
      continue;
    }
    if (nom.startsWith('on') && typeof valeur === 'function') {
      noeud.addEventListener(nom.substring(2), valeur);
    } else if (valeur === true) {
      noeud.setAttribute(nom, '');
    } else {
      noeud.setAttribute(nom, String(valeur));
    }
  }
  ajouter(noeud, enfants);
  return noeud;
}

function ajouter(noeud, enfants) {
  for (const enfant of enfants) {
    if (enfant === undefined || enfant === null || enfant === false) {
      continue;
    }
    if (Array.isArray(enfant)) {
      ajouter(noeud, enfant);
    } else if (enfant instanceof Node) {
      noeud.appendChild(enfant);
    } else {
      noeud.appendChild(document.createTextNode(String(enfant)));
    }
  }
}

/** Replaces the content of the page's main region and moves focus to its title, for screen readers and keyboards. */
export function afficher(...enfants) {
  const contenu = document.getElementById('contenu');
  contenu.replaceChildren();
  ajouter(contenu, enfants);
  const titre = contenu.querySelector('h1');
  if (titre) {
    titre.setAttribute('tabindex', '-1');
    titre.focus();
    document.title = `${titre.textContent} — Parcelle`;
  }
}

let compteur = 0;
export function identifiant(prefixe) {
  compteur += 1;
  return `${prefixe}-${compteur}`;
}

/** A DSFR alert: type info, success, warning or error. */
export function alerte(type, titre, ...texte) {
  return el(
    'div',
    { class: `fr-alert fr-alert--${type} fr-mb-3w`, role: type === 'error' ? 'alert' : 'status' },
    el('h3', { class: 'fr-alert__title' }, titre),
    texte.length ? el('p', {}, ...texte) : null,
  );
}

/**
 * A labelled text input in a DSFR input group, its error message tied by aria-describedby. champ is the JSON path the
 * API names in a 422 (e.g. "demandeurs[0].nom").
 */
export function saisie({ libelle, champ, type = 'text', valeur = '', aide, requis = false, autocomplete, attributs = {} }) {
  const id = identifiant('champ');
  const idErreur = `${id}-erreur`;
  const input = el('input', {
    class: 'fr-input',
    id,
    name: champ,
    type,
    value: valeur,
    required: requis,
    autocomplete,
    'aria-describedby': idErreur,
    'data-champ': champ,
    ...attributs,
  });
  return el(
    'div',
    { class: 'fr-input-group', 'data-groupe': champ },
    el('label', { class: 'fr-label', for: id }, libelle, requis ? ' (obligatoire)' : null, aide ? el('span', { class: 'fr-hint-text' }, aide) : null),
    input,
    el('p', { class: 'fr-error-text fr-hidden', id: idErreur, 'aria-live': 'polite' }),
  );
}

export function selection({ libelle, champ, options, valeur, requis = false, aide }) {
  const id = identifiant('choix');
  const idErreur = `${id}-erreur`;
  const select = el(
    'select',
    { class: 'fr-select', id, name: champ, required: requis, 'aria-describedby': idErreur, 'data-champ': champ },
    el('option', { value: '', disabled: true, selected: !valeur }, 'Choisissez'),
    options.map(([v, texte]) => el('option', { value: v, selected: v === valeur }, texte)),
  );
  return el(
    'div',
    { class: 'fr-select-group', 'data-groupe': champ },
    el('label', { class: 'fr-label', for: id }, libelle, requis ? ' (obligatoire)' : null, aide ? el('span', { class: 'fr-hint-text' }, aide) : null),
    select,
    el('p', { class: 'fr-error-text fr-hidden', id: idErreur, 'aria-live': 'polite' }),
  );
}

export function caseACocher({ libelle, nom, coche = false, aide, valeur }) {
  const id = identifiant('case');
  return el(
    'div',
    { class: 'fr-checkbox-group' },
    el('input', { type: 'checkbox', id, name: nom, checked: coche, value: valeur }),
    el('label', { class: 'fr-label', for: id }, libelle, aide ? el('span', { class: 'fr-hint-text' }, aide) : null),
  );
}

export function radios({ legende, nom, options, valeur, requis = true }) {
  const id = identifiant('radios');
  return el(
    'fieldset',
    { class: 'fr-fieldset', id, 'aria-labelledby': `${id}-legende`, 'data-groupe': nom },
    el('legend', { class: 'fr-fieldset__legend', id: `${id}-legende` }, legende, requis ? ' (obligatoire)' : null),
    options.map(([v, texte, aide]) => {
      const idOption = identifiant('option');
      return el(
        'div',
        { class: 'fr-fieldset__element' },
        el(
          'div',
          { class: 'fr-radio-group' },
          el('input', { type: 'radio', id: idOption, name: nom, value: v, checked: v === valeur, required: requis }),
          el('label', { class: 'fr-label', for: idOption }, texte, aide ? el('span', { class: 'fr-hint-text' }, aide) : null),
        ),
      );
    }),
    el('div', { class: 'fr-messages-group', id: `${id}-messages`, 'aria-live': 'polite' }),
  );
}

/** Shows the API's 422 field messages next to their fields; returns the fields it could not place. */
export function montrerErreurs(formulaire, champs) {
  for (const groupe of formulaire.querySelectorAll('.fr-input-group--error, .fr-select-group--error')) {
    groupe.classList.remove('fr-input-group--error', 'fr-select-group--error');
  }
  for (const texte of formulaire.querySelectorAll('.fr-error-text')) {
    texte.textContent = '';
    texte.classList.add('fr-hidden');
  }
  for (const champ of formulaire.querySelectorAll('[aria-invalid]')) {
    champ.removeAttribute('aria-invalid');
  }
  const nonPlaces = {};
  let premier = null;
  for (const [champ, message] of Object.entries(champs)) {
    const controle = formulaire.querySelector(`[data-champ="${CSS.escape(champ)}"]`);
    if (!controle) {
      nonPlaces[champ] = message;
      continue;
    }
    const groupe = controle.closest('[data-groupe]');
    groupe.classList.add(controle.tagName === 'SELECT' ? 'fr-select-group--error' : 'fr-input-group--error');
    controle.setAttribute('aria-invalid', 'true');
    const texte = document.getElementById(controle.getAttribute('aria-describedby'));
    texte.textContent = message;
    texte.classList.remove('fr-hidden');
    premier = premier || controle;
  }
  if (premier) {
    premier.focus();
  }
  return nonPlaces;
}

export function dateFr(iso) {
  if (!iso) {
    return '';
  }
  const [a, m, j] = iso.substring(0, 10).split('-');
  return new Date(Number(a), Number(m) - 1, Number(j)).toLocaleDateString('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

export function taille(octets) {
  if (octets < 1024) {
    return `${octets} o`;
  }
  if (octets < 1024 * 1024) {
    return `${(octets / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 0 })} Ko`;
  }
  return `${(octets / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
