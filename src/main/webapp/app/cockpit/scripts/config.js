/*
 * Parcelle: Camunda's stock Cockpit configuration (Apache License 2.0), with its language (French) set.
 *
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * Parcelle: the webapps speak French, whatever the browser's language.
 *
 * Camunda 7.24 takes the first language of the browser (navigator.languages[0], 'en' for en-US) when
 * availableLocales lists it, and fallbackLocale otherwise; it has no language menu. Offering ['fr', 'en']
 * would give English to every browser set to English, so each page offers exactly one language: French,
 * or English for a browser that asked for it by opening a webapp with ?lang=en in its address (for
 * example /app/tasklist/default/#/?lang=en). The choice is kept in this browser (localStorage
 * 'parcelle.lang', shared by Tasklist, Cockpit and Admin) until ?lang=fr. Same block in the three
 * config.js; TraductionWebappsTest checks it.
 */
const LANGUE = (() => {
  const demandee = /[?&]lang=(fr|en)(?![\w-])/.exec(window.location.href);
  try {
    if (demandee) {
      window.localStorage.setItem('parcelle.lang', demandee[1]);
    } else if (window.localStorage.getItem('parcelle.lang') === 'en') {
      return 'en';
    }
  } catch (e) {
    // No localStorage (blocked by a policy): the address alone decides.
  }
  return demandee ? demandee[1] : 'fr';
})();

export default {
  // // change the app name and vendor
  // app: {
  //   name: 'Operations',
  //   vendor: 'Company'
  // },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'cockpit' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `cockpit` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // historicActivityInstanceMetrics: {
  //   adjustablePeriod: true,
  //   //select from the default time period: day, week, month, complete
  //   period: {
  //     unit: 'week'
  //   }
  // },
  // runtimeActivityInstanceMetrics: {
  //   display: true
  // },
  // Dates in the page's language: the tokens resolve through dateLocales of locales/fr.json
  // ("12 mars 2026 à 14:30", "jeudi 12 mars 2026 à 14:30") or en.json.
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'lll',
    normal: 'LLL',
    long: 'LLLL',
    short: 'LL'
  },
  // One language per page, French unless asked otherwise: see LANGUE above.
  locales: {
    availableLocales: [LANGUE],
    fallbackLocale: LANGUE
  },
  // skipCustomListeners: {
  //   default: true,
  //   hidden: false
  // },
  // skipIoMappings: {
  //   default: true,
  //   hidden: false
  // },
  // cascade: {
  //   default: false
  // },
  // 'batchOperation' : {
  //   // select mode of query for process instances or decision instances
  //   // possible values: filter, search
  //   'mode': 'filter',
  //
  //   // select if Historic Batches should be loaded automatically when navigating to #/batch
  //   'autoLoadEnded': true
  // },
  // bpmnJs: {
  //   moddleExtensions: {
  //     // if you have a folder called 'my-custom-moddle' (in the 'cockpit' folder)
  //     // with a file called 'camunda.json' in it defining the 'camunda' moddle extension
  //     camunda: 'my-custom-moddle/camunda'
  //   },
  //   additionalModules: [
  //     // if you have a folder called 'my-custom-module' (in the 'cockpit' folder)
  //     // with a file called 'module.js' in it
  //     'my-custom-module/module'
  //   ],
  // },
  // defaultFilter: {
  //   historicProcessDefinitionInstancesSearch: {
  //     lastDays: 5,
  //     event: 'started'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // userOperationLogAnnotationLength: 5000,
  // previewHtml: true
};
