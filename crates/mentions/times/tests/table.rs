//! Table of time expressions in sentences, with their publication date and
//! the exact range they must resolve to.
//!
//! Calendar landmarks: 2024-04-01 is a Monday, 2024-04-03 and 2024-04-10
//! Wednesdays, 2024-04-07 a Sunday, 2024 a leap year.

use chrono::NaiveDate;
use vigie_model::Precision::{self, Day, Month, Week, Year};

/// (name, lang, publication date or "", sentence, expected text,
/// expected start, expected end, precision); "-" for no date.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Precision,
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // ----- French: absolute dates -----
    ("fr_full_date", "fr", "2024-04-03", "Le sommet s'est tenu le 5 avril 2016 à Paris.", "le 5 avril 2016", "2016-04-05", "2016-04-05", Day),
    ("fr_yearless_past", "fr", "2024-04-10", "L'attaque a eu lieu le 5 avril dans la capitale.", "le 5 avril", "2024-04-05", "2024-04-05", Day),
    ("fr_yearless_prev_year", "fr", "2024-01-03", "Les manifestations ont commencé le 28 décembre.", "le 28 décembre", "2023-12-28", "2023-12-28", Day),
    ("fr_31_dec_published_2_jan", "fr", "2024-01-02", "Le bilan a été publié le 31 décembre.", "le 31 décembre", "2023-12-31", "2023-12-31", Day),
    ("fr_1er_mai", "fr", "2024-05-02", "Des milliers de personnes ont défilé le 1er mai.", "le 1er mai", "2024-05-01", "2024-05-01", Day),
    ("fr_premier_mai", "fr", "2024-05-02", "Ils ont défilé le premier mai à Paris.", "le premier mai", "2024-05-01", "2024-05-01", Day),
    ("fr_29_fevrier_2024", "fr", "2024-03-10", "Le texte a été adopté le 29 février.", "le 29 février", "2024-02-29", "2024-02-29", Day),
    ("fr_29_fevrier_from_2025", "fr", "2025-03-01", "Le texte avait été adopté le 29 février.", "le 29 février", "2024-02-29", "2024-02-29", Day),
    ("fr_yearless_future", "fr", "2024-04-10", "Les élections se tiendront le 5 avril.", "le 5 avril", "2025-04-05", "2025-04-05", Day),
    ("fr_slash_day_first", "fr", "2024-04-03", "Le décret du 05/04/2016 a été abrogé.", "05/04/2016", "2016-04-05", "2016-04-05", Day),
    ("fr_dotted", "fr", "2024-04-03", "Le décret du 05.04.2016 a été abrogé.", "05.04.2016", "2016-04-05", "2016-04-05", Day),
    ("fr_iso", "fr", "2024-04-03", "Le texte est daté du 2016-04-05 selon le journal officiel.", "2016-04-05", "2016-04-05", "2016-04-05", Day),
    ("fr_weekday_and_date", "fr", "2024-04-03", "Le vote a eu lieu le lundi 4 avril 2016.", "le lundi 4 avril 2016", "2016-04-04", "2016-04-04", Day),
    ("fr_weekday_date_no_year", "fr", "2026-04-06", "Les tirs ont repris dimanche 5 avril au matin.", "dimanche 5 avril", "2026-04-05", "2026-04-05", Day),
    ("fr_no_accent", "fr", "2024-04-03", "Il a été arrêté le 3 fevrier 2020.", "le 3 fevrier 2020", "2020-02-03", "2020-02-03", Day),
    ("fr_abbreviated_month", "fr", "2024-04-03", "Il a été arrêté le 7 sept. 2016 à Lyon.", "le 7 sept. 2016", "2016-09-07", "2016-09-07", Day),
    // ----- French: months, years, decades -----
    ("fr_month_past", "fr", "2024-06-10", "Les combats ont repris en avril.", "avril", "2024-04-01", "2024-04-30", Month),
    ("fr_month_prev_year", "fr", "2024-03-10", "Les combats avaient repris en avril.", "avril", "2023-04-01", "2023-04-30", Month),
    ("fr_month_future", "fr", "2024-03-10", "Le scrutin aura lieu en avril.", "avril", "2024-04-01", "2024-04-30", Month),
    ("fr_month_year", "fr", "2024-03-10", "La loi a été votée en avril 2016.", "avril 2016", "2016-04-01", "2016-04-30", Month),
    ("fr_year", "fr", "2024-03-10", "Le groupe a été fondé en 2014.", "2014", "2014-01-01", "2014-12-31", Year),
    ("fr_jusqu_en", "fr", "2024-03-10", "Il a dirigé le pays jusqu'en 2020.", "2020", "2020-01-01", "2020-12-31", Year),
    ("fr_decade", "fr", "2024-03-10", "Le conflit a éclaté dans les années 1990.", "les années 1990", "1990-01-01", "1999-12-31", Year),
    // ----- French: ranges -----
    ("fr_range_entre", "fr", "2024-03-10", "Entre 1975 et 1990, le pays a connu la guerre.", "Entre 1975 et 1990", "1975-01-01", "1990-12-31", Year),
    ("fr_range_token", "fr", "2024-03-10", "La guerre de 1991-1994 avait fait 30.000 morts.", "1991-1994", "1991-01-01", "1994-12-31", Year),
    ("fr_range_short_years", "fr", "2024-03-10", "La crise de 1990-91 a ruiné le pays.", "1990-91", "1990-01-01", "1991-12-31", Year),
    ("fr_range_de_a", "fr", "2024-03-10", "Il a été ministre de 1991 à 1994.", "de 1991 à 1994", "1991-01-01", "1994-12-31", Year),
    ("fr_range_du_au", "fr", "2024-04-10", "Le festival s'est tenu du 2 au 5 avril.", "du 2 au 5 avril", "2024-04-02", "2024-04-05", Day),
    ("fr_range_across_years", "fr", "2024-01-10", "La trêve a duré du 28 décembre au 3 janvier.", "du 28 décembre au 3 janvier", "2023-12-28", "2024-01-03", Day),
    ("fr_range_les_et", "fr", "2024-04-10", "Des heurts ont eu lieu les 5 et 6 avril 2016.", "les 5 et 6 avril 2016", "2016-04-05", "2016-04-06", Day),
    ("fr_range_entre_le", "fr", "2024-04-10", "Le vote s'est déroulé entre le 2 et le 5 avril 2016.", "entre le 2 et le 5 avril 2016", "2016-04-02", "2016-04-05", Day),
    ("fr_range_days_dash", "fr", "2024-04-10", "Le sommet des 5-6 avril 2016 a échoué.", "5-6 avril 2016", "2016-04-05", "2016-04-06", Day),
    ("fr_range_months", "fr", "2024-06-10", "Les pluies ont duré de mars à mai.", "de mars à mai", "2024-03-01", "2024-05-31", Month),
    ("fr_range_months_year", "fr", "2024-06-10", "Les pluies ont duré entre mars et mai 2016.", "entre mars et mai 2016", "2016-03-01", "2016-05-31", Month),
    ("fr_range_weekdays", "fr", "2024-04-05", "Les grévistes ont bloqué le port du lundi au mercredi.", "du lundi au mercredi", "2024-04-01", "2024-04-03", Day),
    // ----- French: relative days -----
    ("fr_hier", "fr", "2024-04-03", "Le président a démissionné hier.", "hier", "2024-04-02", "2024-04-02", Day),
    ("fr_hier_new_year", "fr", "2024-01-01", "Trois soldats ont été tués hier.", "hier", "2023-12-31", "2023-12-31", Day),
    ("fr_avant_hier_leap", "fr", "2024-03-01", "L'accord a été signé avant-hier.", "avant-hier", "2024-02-28", "2024-02-28", Day),
    ("fr_aujourdhui", "fr", "2024-04-03", "Le parlement vote aujourd'hui la loi.", "aujourd'hui", "2024-04-03", "2024-04-03", Day),
    ("fr_demain", "fr", "2024-04-03", "Le ministre se rendra demain à Kinshasa.", "demain", "2024-04-04", "2024-04-04", Day),
    ("fr_demain_year_end", "fr", "2023-12-31", "Le couvre-feu sera levé demain.", "demain", "2024-01-01", "2024-01-01", Day),
    ("fr_apres_demain_leap", "fr", "2024-02-28", "Le vote aura lieu après-demain.", "après-demain", "2024-03-01", "2024-03-01", Day),
    ("fr_ce_matin", "fr", "2024-04-03", "Une explosion a secoué la ville ce matin.", "ce matin", "2024-04-03", "2024-04-03", Day),
    ("fr_ce_soir", "fr", "2024-04-03", "Le président s'exprimera ce soir.", "ce soir", "2024-04-03", "2024-04-03", Day),
    ("fr_hier_soir", "fr", "2024-04-03", "Des tirs ont été entendus hier soir.", "hier soir", "2024-04-02", "2024-04-02", Day),
    ("fr_demain_matin", "fr", "2024-04-03", "Il partira demain matin.", "demain matin", "2024-04-04", "2024-04-04", Day),
    ("fr_cette_nuit_past", "fr", "2024-04-03", "Des tirs ont été entendus cette nuit dans le quartier.", "cette nuit", "2024-04-02", "2024-04-03", Day),
    ("fr_cette_nuit_future", "fr", "2024-04-03", "Le couvre-feu sera levé cette nuit.", "cette nuit", "2024-04-03", "2024-04-04", Day),
    ("fr_la_nuit_derniere", "fr", "2024-04-03", "Deux bombes ont explosé la nuit dernière.", "la nuit dernière", "2024-04-02", "2024-04-02", Day),
    // ----- French: weekdays -----
    ("fr_lundi_soir", "fr", "2024-04-03", "Le ministre s'est entretenu lundi soir avec son homologue.", "lundi soir", "2024-04-01", "2024-04-01", Day),
    ("fr_dimanche_matin", "fr", "2024-04-03", "L'attaque a eu lieu dimanche matin.", "dimanche matin", "2024-03-31", "2024-03-31", Day),
    ("fr_monday_pub_lundi", "fr", "2024-04-01", "Le président a reçu lundi son homologue.", "lundi", "2024-04-01", "2024-04-01", Day),
    ("fr_monday_pub_lundi_dernier", "fr", "2024-04-01", "Le président a reçu lundi dernier son homologue.", "lundi dernier", "2024-03-25", "2024-03-25", Day),
    ("fr_monday_pub_lundi_prochain", "fr", "2024-04-01", "Le président recevra lundi prochain son homologue.", "lundi prochain", "2024-04-08", "2024-04-08", Day),
    ("fr_lundi_dernier_tuesday", "fr", "2024-04-02", "Il a été arrêté lundi dernier.", "lundi dernier", "2024-04-01", "2024-04-01", Day),
    ("fr_ce_lundi", "fr", "2024-04-01", "Le gouvernement a annoncé ce lundi sa démission.", "ce lundi", "2024-04-01", "2024-04-01", Day),
    ("fr_future_reunira", "fr", "2024-04-01", "Le conseil de sécurité se réunira jeudi.", "jeudi", "2024-04-04", "2024-04-04", Day),
    ("fr_future_va", "fr", "2024-04-01", "Le gouvernement va présenter jeudi son plan.", "jeudi", "2024-04-04", "2024-04-04", Day),
    ("fr_future_doit", "fr", "2024-04-01", "Le ministre doit se rendre vendredi à Dakar.", "vendredi", "2024-04-05", "2024-04-05", Day),
    ("fr_future_devrait", "fr", "2024-04-03", "Le texte devrait être voté mardi.", "mardi", "2024-04-09", "2024-04-09", Day),
    ("fr_future_same_day", "fr", "2024-04-03", "Le conseil se réunira mercredi.", "mercredi", "2024-04-03", "2024-04-03", Day),
    ("fr_conditional_is_past", "fr", "2024-04-03", "Trois rebelles auraient été tués mardi.", "mardi", "2024-04-02", "2024-04-02", Day),
    ("fr_jeudi_prochain", "fr", "2024-04-03", "Les négociations reprendront jeudi prochain.", "jeudi prochain", "2024-04-04", "2024-04-04", Day),
    ("fr_vendredi_dernier_on_friday", "fr", "2024-04-05", "Il a été libéré vendredi dernier.", "vendredi dernier", "2024-03-29", "2024-03-29", Day),
    ("fr_vendredi_on_friday", "fr", "2024-04-05", "Il a été libéré vendredi.", "vendredi", "2024-04-05", "2024-04-05", Day),
    ("fr_samedi_past_from_wednesday", "fr", "2024-04-03", "Des milliers de personnes ont manifesté samedi.", "samedi", "2024-03-30", "2024-03-30", Day),
    ("fr_relative_clause_future", "fr", "2024-04-03", "Le ministre, qui se rendra lundi à Paris, a démissionné.", "lundi", "2024-04-08", "2024-04-08", Day),
    ("fr_que_clause_future", "fr", "2024-04-03", "Il a annoncé mardi qu'il se rendra à Paris.", "mardi", "2024-04-02", "2024-04-02", Day),
    ("fr_weekday_en_fin_de_journee", "fr", "2024-04-03", "Les tirs ont cessé lundi en fin de journée.", "lundi en fin de journée", "2024-04-01", "2024-04-01", Day),
    // ----- French: nights -----
    ("fr_nuit_vendredi_samedi", "fr", "2024-04-07", "Des tirs ont éclaté dans la nuit de vendredi à samedi.", "dans la nuit de vendredi à samedi", "2024-04-05", "2024-04-06", Day),
    ("fr_nuit_vendredi_samedi_on_saturday", "fr", "2024-04-06", "Des tirs ont éclaté dans la nuit de vendredi à samedi.", "dans la nuit de vendredi à samedi", "2024-04-05", "2024-04-06", Day),
    ("fr_nuit_du_vendredi_au_samedi", "fr", "2024-04-08", "Des tirs ont éclaté la nuit du vendredi au samedi.", "la nuit du vendredi au samedi", "2024-04-05", "2024-04-06", Day),
    ("fr_nuit_de_dimanche", "fr", "2024-04-02", "Le village a été attaqué dans la nuit de dimanche.", "dans la nuit de dimanche", "2024-03-31", "2024-03-31", Day),
    ("fr_nuit_dates", "fr", "2024-04-10", "Le village a été attaqué dans la nuit du 4 au 5 avril.", "dans la nuit du 4 au 5 avril", "2024-04-04", "2024-04-05", Day),
    ("fr_nuit_future", "fr", "2024-04-03", "L'opération se déroulera dans la nuit de dimanche à lundi.", "dans la nuit de dimanche à lundi", "2024-04-07", "2024-04-08", Day),
    // ----- French: since -----
    ("fr_depuis_vendredi", "fr", "2024-04-01", "Les combats font rage depuis vendredi.", "depuis vendredi", "2024-03-29", "2024-04-01", Day),
    ("fr_depuis_2012", "fr", "2024-04-03", "Le pays est en guerre depuis 2012.", "depuis 2012", "2012-01-01", "2024-04-03", Year),
    ("fr_depuis_debut_du_mois", "fr", "2024-04-10", "Douze personnes ont été tuées depuis le début du mois.", "depuis le début du mois", "2024-04-01", "2024-04-10", Month),
    ("fr_depuis_trois_jours", "fr", "2024-04-10", "La ville est encerclée depuis trois jours.", "depuis trois jours", "2024-04-07", "2024-04-10", Day),
    ("fr_depuis_24_heures", "fr", "2024-04-10", "Les combats ont redoublé depuis vingt-quatre heures.", "depuis vingt-quatre heures", "2024-04-09", "2024-04-10", Day),
    ("fr_depuis_la_nuit", "fr", "2024-04-02", "Ils ont fait 31 morts depuis la nuit de samedi à dimanche.", "depuis la nuit de samedi à dimanche", "2024-03-30", "2024-04-02", Day),
    ("fr_depuis_le_5_avril", "fr", "2024-04-10", "Il est détenu depuis le 5 avril.", "depuis le 5 avril", "2024-04-05", "2024-04-10", Day),
    ("fr_depuis_mars", "fr", "2024-04-10", "Il est détenu depuis mars.", "depuis mars", "2024-03-01", "2024-04-10", Month),
    ("fr_depuis_hier", "fr", "2024-04-10", "Il est détenu depuis hier.", "depuis hier", "2024-04-09", "2024-04-10", Day),
    // ----- French: durations -----
    ("fr_il_y_a_trois_jours", "fr", "2024-04-10", "Il a été enlevé il y a trois jours.", "il y a trois jours", "2024-04-07", "2024-04-07", Day),
    ("fr_il_y_a_sept_jours", "fr", "2024-04-10", "Il a été enlevé il y a sept jours.", "il y a sept jours", "2024-04-03", "2024-04-03", Day),
    ("fr_il_y_a_48_heures", "fr", "2024-04-10", "Il a été enlevé il y a 48 heures.", "il y a 48 heures", "2024-04-08", "2024-04-08", Day),
    ("fr_il_y_a_deux_semaines", "fr", "2024-04-10", "Il a été enlevé il y a deux semaines.", "il y a deux semaines", "2024-03-25", "2024-03-31", Week),
    ("fr_il_y_a_une_semaine", "fr", "2024-04-10", "Il a été enlevé il y a une semaine.", "il y a une semaine", "2024-04-01", "2024-04-07", Week),
    ("fr_il_y_a_un_an", "fr", "2024-04-10", "Il a été élu il y a un an.", "il y a un an", "2023-01-01", "2023-12-31", Year),
    ("fr_il_y_a_deux_mois", "fr", "2024-04-10", "Il a été élu il y a deux mois.", "il y a deux mois", "2024-02-01", "2024-02-29", Month),
    ("fr_il_y_a_pres_de_deux_ans", "fr", "2024-04-10", "Il a été élu il y a près de deux ans.", "il y a près de deux ans", "2022-01-01", "2022-12-31", Year),
    ("fr_il_y_a_quelques_jours", "fr", "2024-04-10", "Il a été élu il y a quelques jours.", "il y a quelques jours", "2024-04-03", "2024-04-08", Week),
    ("fr_il_y_a_quelques_mois", "fr", "2024-04-10", "Il a été élu il y a quelques mois.", "il y a quelques mois", "2023-10-01", "2024-02-29", Year),
    ("fr_il_y_a_une_dizaine_de_jours", "fr", "2024-04-10", "Il a été élu il y a une dizaine de jours.", "il y a une dizaine de jours", "2024-03-31", "2024-03-31", Day),
    ("fr_dans_trois_jours", "fr", "2024-04-10", "Le vote aura lieu dans trois jours.", "dans trois jours", "2024-04-13", "2024-04-13", Day),
    ("fr_dans_deux_semaines", "fr", "2024-04-10", "Le vote aura lieu dans deux semaines.", "dans deux semaines", "2024-04-22", "2024-04-28", Week),
    // ----- French: vague spans -----
    ("fr_ces_derniers_jours", "fr", "2024-04-10", "Les combats se sont intensifiés ces derniers jours.", "ces derniers jours", "2024-04-03", "2024-04-10", Week),
    ("fr_ces_dernieres_semaines", "fr", "2024-04-10", "Les combats se sont intensifiés ces dernières semaines.", "ces dernières semaines", "2024-02-28", "2024-04-10", Month),
    ("fr_ces_derniers_mois", "fr", "2024-04-10", "Les combats se sont intensifiés ces derniers mois.", "ces derniers mois", "2023-10-10", "2024-04-10", Year),
    ("fr_ces_trois_derniers_jours", "fr", "2024-04-10", "Douze civils ont été tués ces trois derniers jours.", "ces trois derniers jours", "2024-04-07", "2024-04-10", Day),
    ("fr_dernieres_24_heures", "fr", "2024-04-10", "Douze civils ont été tués au cours des dernières 24 heures.", "des dernières 24 heures", "2024-04-09", "2024-04-10", Day),
    ("fr_semaine_derniere", "fr", "2024-04-10", "Le ministre a démissionné la semaine dernière.", "la semaine dernière", "2024-04-01", "2024-04-07", Week),
    ("fr_semaine_passee", "fr", "2024-04-10", "Le ministre a démissionné la semaine passée.", "la semaine passée", "2024-04-01", "2024-04-07", Week),
    ("fr_mois_dernier", "fr", "2024-04-10", "Le ministre a démissionné le mois dernier.", "le mois dernier", "2024-03-01", "2024-03-31", Month),
    ("fr_mois_dernier_january", "fr", "2024-01-15", "Le ministre a démissionné le mois dernier.", "le mois dernier", "2023-12-01", "2023-12-31", Month),
    ("fr_an_dernier", "fr", "2024-04-10", "Le ministre a démissionné l'an dernier.", "l'an dernier", "2023-01-01", "2023-12-31", Year),
    ("fr_annee_derniere", "fr", "2024-04-10", "Le ministre a démissionné l'année dernière.", "l'année dernière", "2023-01-01", "2023-12-31", Year),
    ("fr_cette_semaine", "fr", "2024-04-10", "Le ministre a démissionné cette semaine.", "cette semaine", "2024-04-08", "2024-04-14", Week),
    ("fr_cette_annee", "fr", "2024-04-10", "Le ministre a démissionné cette année.", "cette année", "2024-01-01", "2024-12-31", Year),
    ("fr_ce_mois_ci", "fr", "2024-04-10", "Le ministre a démissionné ce mois-ci.", "ce mois-ci", "2024-04-01", "2024-04-30", Month),
    ("fr_semaine_prochaine", "fr", "2024-04-10", "Le ministre démissionnera la semaine prochaine.", "la semaine prochaine", "2024-04-15", "2024-04-21", Week),
    ("fr_mois_prochain", "fr", "2024-12-10", "Le ministre démissionnera le mois prochain.", "le mois prochain", "2025-01-01", "2025-01-31", Month),
    ("fr_annee_prochaine", "fr", "2024-04-10", "Les élections auront lieu l'année prochaine.", "l'année prochaine", "2025-01-01", "2025-12-31", Year),
    ("fr_week_end_dernier", "fr", "2024-04-08", "Des heurts ont éclaté le week-end dernier.", "le week-end dernier", "2024-04-06", "2024-04-07", Week),
    ("fr_ce_week_end_future", "fr", "2024-04-10", "Des manifestations se tiendront ce week-end.", "ce week-end", "2024-04-13", "2024-04-14", Week),
    ("fr_en_fin_de_semaine", "fr", "2024-04-10", "Le texte sera examiné en fin de semaine.", "fin de semaine", "2024-04-12", "2024-04-14", Week),
    ("fr_mi_avril", "fr", "2024-05-02", "Les combats ont repris mi-avril.", "mi-avril", "2024-04-11", "2024-04-20", Month),
    ("fr_fin_mars", "fr", "2024-05-02", "Les combats ont repris fin mars.", "fin mars", "2024-03-21", "2024-03-31", Month),
    ("fr_debut_avril", "fr", "2024-05-02", "Les combats ont repris début avril.", "début avril", "2024-04-01", "2024-04-10", Month),
    ("fr_debut_2024", "fr", "2024-05-02", "Les combats ont repris début 2024.", "début 2024", "2024-01-01", "2024-04-30", Year),
    ("fr_fin_2023", "fr", "2024-05-02", "Les combats ont repris fin 2023.", "fin 2023", "2023-09-01", "2023-12-31", Year),
    ("fr_mi_2024", "fr", "2024-09-02", "Les combats ont repris mi-2024.", "mi-2024", "2024-05-01", "2024-08-31", Year),
    ("fr_fin_annee_derniere", "fr", "2024-05-02", "Les combats ont repris à la fin de l'année dernière.", "la fin de l'année dernière", "2023-09-01", "2023-12-31", Year),
    ("fr_fin_du_mois", "fr", "2024-04-10", "Le texte sera voté à la fin du mois.", "la fin du mois", "2024-04-21", "2024-04-30", Month),
    ("fr_debut_d_annee", "fr", "2024-05-02", "Les combats ont repris en début d'année.", "début d'année", "2024-01-01", "2024-04-30", Year),
    ("fr_les_prochains_jours", "fr", "2024-04-10", "Le texte sera voté dans les prochains jours.", "les prochains jours", "2024-04-10", "2024-04-17", Week),
    ("fr_semaines_a_venir", "fr", "2024-04-10", "Le texte sera voté dans les semaines à venir.", "les semaines à venir", "2024-04-10", "2024-05-22", Month),
    // ----- English: absolute dates -----
    ("en_month_day_year", "en", "2024-04-03", "The summit was held on April 5, 2016 in Paris.", "April 5, 2016", "2016-04-05", "2016-04-05", Day),
    ("en_day_month_year", "en", "2024-04-03", "The summit was held on 5 April 2016 in Paris.", "5 April 2016", "2016-04-05", "2016-04-05", Day),
    ("en_yearless_past", "en", "2024-04-10", "The attack took place on April 5 in the capital.", "April 5", "2024-04-05", "2024-04-05", Day),
    ("en_yearless_future", "en", "2024-06-10", "The vote will be held on May 5.", "May 5", "2025-05-05", "2025-05-05", Day),
    ("en_ordinal_of", "en", "2024-04-10", "The attack took place on the 5th of April.", "the 5th of April", "2024-04-05", "2024-04-05", Day),
    ("en_slash_month_first", "en", "2024-04-03", "The decree of 05/04/2016 was repealed.", "05/04/2016", "2016-05-04", "2016-05-04", Day),
    ("en_slash_only_day_first_valid", "en", "2024-04-03", "The decree of 25/12/2016 was repealed.", "25/12/2016", "2016-12-25", "2016-12-25", Day),
    ("en_slash_short_year", "en", "2024-04-03", "The decree of 4/5/16 was repealed.", "4/5/16", "2016-04-05", "2016-04-05", Day),
    ("en_iso", "en", "2024-04-03", "The decree dated 2016-04-05 was repealed.", "2016-04-05", "2016-04-05", "2016-04-05", Day),
    ("en_abbreviated_month", "en", "2024-04-03", "He was arrested on Jan. 5, 2016 in Lagos.", "Jan. 5, 2016", "2016-01-05", "2016-01-05", Day),
    // ----- English: months, years, decades -----
    ("en_month", "en", "2024-06-10", "Fighting resumed in April.", "April", "2024-04-01", "2024-04-30", Month),
    ("en_month_year_may", "en", "2024-06-10", "The law was passed in May 2016.", "May 2016", "2016-05-01", "2016-05-31", Month),
    ("en_year", "en", "2024-06-10", "The group was founded in 2014.", "2014", "2014-01-01", "2014-12-31", Year),
    ("en_decade", "en", "2024-06-10", "The conflict began in the 1990s.", "the 1990s", "1990-01-01", "1999-12-31", Year),
    ("en_early_decade", "en", "2024-06-10", "The conflict began in the early 1990s.", "the early 1990s", "1990-01-01", "1993-12-31", Year),
    // ----- English: ranges -----
    ("en_between_months", "en", "2024-06-10", "Rains fell between March and May.", "between March and May", "2024-03-01", "2024-05-31", Month),
    ("en_between_years", "en", "2024-06-10", "Between 1975 and 1990, the country was at war.", "Between 1975 and 1990", "1975-01-01", "1990-12-31", Year),
    ("en_from_to_years", "en", "2024-06-10", "He served from 2010 to 2014.", "from 2010 to 2014", "2010-01-01", "2014-12-31", Year),
    ("en_from_friday_to_sunday", "en", "2024-04-08", "Protests were held from Friday to Sunday.", "from Friday to Sunday", "2024-04-05", "2024-04-07", Day),
    ("en_between_days", "en", "2024-06-10", "Talks were held between 2 and 5 April 2016.", "between 2 and 5 April 2016", "2016-04-02", "2016-04-05", Day),
    ("en_month_day_dash", "en", "2024-04-10", "Talks were held April 2-5 in Doha.", "April 2-5", "2024-04-02", "2024-04-05", Day),
    ("en_future_months", "en", "2024-04-10", "The mission will run from December to February.", "from December to February", "2024-12-01", "2025-02-28", Month),
    // ----- English: relative days -----
    ("en_yesterday_new_year", "en", "2024-01-01", "Three soldiers were killed yesterday.", "yesterday", "2023-12-31", "2023-12-31", Day),
    ("en_today", "en", "2024-04-03", "Parliament votes today on the bill.", "today", "2024-04-03", "2024-04-03", Day),
    ("en_earlier_today", "en", "2024-04-03", "The minister resigned earlier today.", "earlier today", "2024-04-03", "2024-04-03", Day),
    ("en_tonight", "en", "2024-04-03", "The president will speak tonight.", "tonight", "2024-04-03", "2024-04-03", Day),
    ("en_last_night", "en", "2024-04-03", "Two bombs exploded last night.", "last night", "2024-04-02", "2024-04-02", Day),
    ("en_tomorrow", "en", "2024-04-03", "The minister will travel tomorrow to Kinshasa.", "tomorrow", "2024-04-04", "2024-04-04", Day),
    ("en_overnight", "en", "2024-04-03", "Gunmen attacked a village overnight, officials said.", "overnight", "2024-04-02", "2024-04-03", Day),
    ("en_this_morning", "en", "2024-04-03", "A blast shook the city this morning.", "this morning", "2024-04-03", "2024-04-03", Day),
    ("en_yesterday_afternoon", "en", "2024-04-03", "A blast shook the city yesterday afternoon.", "yesterday afternoon", "2024-04-02", "2024-04-02", Day),
    // ----- English: weekdays -----
    ("en_sunday_morning", "en", "2024-04-02", "The attack happened on Sunday morning.", "Sunday morning", "2024-03-31", "2024-03-31", Day),
    ("en_monday_pub_on_monday", "en", "2024-04-01", "He was arrested on Monday.", "Monday", "2024-04-01", "2024-04-01", Day),
    ("en_monday_pub_last_monday", "en", "2024-04-01", "He was arrested last Monday.", "last Monday", "2024-03-25", "2024-03-25", Day),
    ("en_monday_pub_next_monday", "en", "2024-04-01", "He will be released next Monday.", "next Monday", "2024-04-08", "2024-04-08", Day),
    ("en_last_monday_tuesday", "en", "2024-04-02", "He was arrested last Monday.", "last Monday", "2024-04-01", "2024-04-01", Day),
    ("en_will_thursday", "en", "2024-04-01", "The council will meet on Thursday.", "Thursday", "2024-04-04", "2024-04-04", Day),
    ("en_due_to_friday", "en", "2024-04-01", "The envoy is due to visit Kyiv on Friday.", "Friday", "2024-04-05", "2024-04-05", Day),
    ("en_plans_to_hold", "en", "2024-04-03", "The party plans to hold a rally on Tuesday.", "Tuesday", "2024-04-09", "2024-04-09", Day),
    ("en_saturday_future", "en", "2024-04-03", "Unions will march on Saturday.", "Saturday", "2024-04-06", "2024-04-06", Day),
    ("en_late_sunday", "en", "2024-04-02", "The rebels withdrew late Sunday.", "late Sunday", "2024-03-31", "2024-03-31", Day),
    ("en_this_past_sunday", "en", "2024-04-07", "The rebels withdrew this past Sunday.", "this past Sunday", "2024-03-31", "2024-03-31", Day),
    ("en_sunday_on_sunday", "en", "2024-04-07", "The rebels withdrew on Sunday.", "Sunday", "2024-04-07", "2024-04-07", Day),
    ("en_tuesday_night", "en", "2024-04-03", "Shots were fired on Tuesday night.", "Tuesday night", "2024-04-02", "2024-04-02", Day),
    // ----- English: since and durations -----
    ("en_since_sunday", "en", "2024-04-02", "Fighting has raged since Sunday.", "since Sunday", "2024-03-31", "2024-04-02", Day),
    ("en_since_2014", "en", "2024-04-02", "Thousands have died since 2014.", "since 2014", "2014-01-01", "2024-04-02", Year),
    ("en_since_january", "en", "2024-04-10", "Thousands have died since January.", "since January", "2024-01-01", "2024-04-10", Month),
    ("en_since_start_of_year", "en", "2024-04-10", "Thousands have died since the start of the year.", "since the start of the year", "2024-01-01", "2024-04-10", Year),
    ("en_since_last_week", "en", "2024-04-10", "He has been held since last week.", "since last week", "2024-04-01", "2024-04-10", Week),
    ("en_two_weeks_ago", "en", "2024-04-10", "He was kidnapped two weeks ago.", "two weeks ago", "2024-03-25", "2024-03-31", Week),
    ("en_three_days_ago", "en", "2024-04-10", "He was kidnapped three days ago.", "three days ago", "2024-04-07", "2024-04-07", Day),
    ("en_a_week_ago", "en", "2024-04-10", "He was kidnapped a week ago.", "a week ago", "2024-04-01", "2024-04-07", Week),
    ("en_a_few_days_ago", "en", "2024-04-10", "He was kidnapped a few days ago.", "a few days ago", "2024-04-03", "2024-04-08", Week),
    ("en_several_weeks_ago", "en", "2024-04-10", "He was kidnapped several weeks ago.", "several weeks ago", "2024-02-28", "2024-03-27", Month),
    ("en_a_year_ago", "en", "2024-04-10", "He was elected a year ago.", "a year ago", "2023-01-01", "2023-12-31", Year),
    ("en_a_few_years_ago", "en", "2024-04-10", "He was elected a few years ago.", "a few years ago", "2019-01-01", "2022-12-31", Year),
    ("en_more_than_two_weeks_ago", "en", "2024-04-10", "He was kidnapped more than two weeks ago.", "more than two weeks ago", "2024-03-25", "2024-03-31", Week),
    ("en_24_hours_ago", "en", "2024-04-10", "He was kidnapped 24 hours ago.", "24 hours ago", "2024-04-09", "2024-04-09", Day),
    ("en_in_three_days_future", "en", "2024-04-10", "The country will hold elections in three days.", "in three days", "2024-04-13", "2024-04-13", Day),
    ("en_in_two_weeks_future", "en", "2024-04-10", "He will return in two weeks.", "in two weeks", "2024-04-22", "2024-04-28", Week),
    // ----- English: vague spans -----
    ("en_earlier_this_month", "en", "2024-04-10", "Two soldiers were killed earlier this month.", "earlier this month", "2024-04-01", "2024-04-10", Month),
    ("en_last_week", "en", "2024-04-10", "The minister resigned last week.", "last week", "2024-04-01", "2024-04-07", Week),
    ("en_last_month", "en", "2024-04-10", "The minister resigned last month.", "last month", "2024-03-01", "2024-03-31", Month),
    ("en_last_year", "en", "2024-04-10", "The minister resigned last year.", "last year", "2023-01-01", "2023-12-31", Year),
    ("en_this_week", "en", "2024-04-10", "The minister resigned this week.", "this week", "2024-04-08", "2024-04-14", Week),
    ("en_next_week", "en", "2024-04-10", "The minister will resign next week.", "next week", "2024-04-15", "2024-04-21", Week),
    ("en_next_month", "en", "2024-04-10", "The minister will resign next month.", "next month", "2024-05-01", "2024-05-31", Month),
    ("en_next_year", "en", "2024-04-10", "Elections will be held next year.", "next year", "2025-01-01", "2025-12-31", Year),
    ("en_early_this_year", "en", "2024-06-10", "The minister resigned early this year.", "early this year", "2024-01-01", "2024-04-30", Year),
    ("en_late_last_month", "en", "2024-04-10", "The minister resigned late last month.", "late last month", "2024-03-21", "2024-03-31", Month),
    ("en_mid_april", "en", "2024-05-10", "Fighting resumed in mid-April.", "mid-April", "2024-04-11", "2024-04-20", Month),
    ("en_late_march", "en", "2024-05-10", "Fighting resumed in late March.", "late March", "2024-03-21", "2024-03-31", Month),
    ("en_end_of_march", "en", "2024-05-10", "Fighting resumed at the end of March.", "the end of March", "2024-03-21", "2024-03-31", Month),
    ("en_end_of_last_year", "en", "2024-05-10", "Fighting resumed at the end of last year.", "the end of last year", "2023-09-01", "2023-12-31", Year),
    ("en_late_2015", "en", "2024-05-10", "Fighting resumed in late 2015.", "late 2015", "2015-09-01", "2015-12-31", Year),
    ("en_past_week", "en", "2024-04-10", "Fighting intensified over the past week.", "the past week", "2024-04-03", "2024-04-10", Week),
    ("en_past_24_hours", "en", "2024-04-10", "Ten people died in the past 24 hours.", "the past 24 hours", "2024-04-09", "2024-04-10", Day),
    ("en_last_two_weeks", "en", "2024-04-10", "Ten people died in the last two weeks.", "the last two weeks", "2024-03-27", "2024-04-10", Week),
    ("en_recent_days", "en", "2024-04-10", "Fighting intensified in recent days.", "recent days", "2024-04-03", "2024-04-10", Week),
    ("en_coming_weeks", "en", "2024-04-10", "Talks will resume in the coming weeks.", "the coming weeks", "2024-04-10", "2024-05-22", Month),
    ("en_last_weekend", "en", "2024-04-08", "Clashes broke out last weekend.", "last weekend", "2024-04-06", "2024-04-07", Week),
    ("en_over_the_weekend", "en", "2024-04-08", "Clashes broke out over the weekend.", "the weekend", "2024-04-06", "2024-04-07", Week),
    ("en_this_weekend_future", "en", "2024-04-03", "The rally will take place this weekend.", "this weekend", "2024-04-06", "2024-04-07", Week),
    // ----- "dernier"/"prochain"/"last"/"next" on dates and months -----
    ("fr_mars_dernier_in_march", "fr", "2026-03-10", "Il a été élu en mars dernier.", "mars dernier", "2025-03-01", "2025-03-31", Month),
    ("fr_14_juillet_dernier", "fr", "2026-03-10", "Il a été élu le 14 juillet dernier.", "le 14 juillet dernier", "2025-07-14", "2025-07-14", Day),
    ("fr_5_mars_prochain", "fr", "2026-03-10", "Le vote aura lieu le 5 mars prochain.", "le 5 mars prochain", "2027-03-05", "2027-03-05", Day),
    ("fr_mai_prochain", "fr", "2026-03-10", "Le vote aura lieu en mai prochain.", "mai prochain", "2026-05-01", "2026-05-31", Month),
    ("en_last_march_in_march", "en", "2026-03-10", "He was released last March.", "last March", "2025-03-01", "2025-03-31", Month),
    ("fr_range_le_et_le", "fr", "2026-03-10", "Des heurts ont eu lieu le 3 et le 4 mars.", "le 3 et le 4 mars", "2026-03-03", "2026-03-04", Day),
    ("en_on_march_3_killed", "en", "2026-03-10", "The attack on March 3 killed 12 people.", "March 3", "2026-03-03", "2026-03-03", Day),
    ("en_day_before_yesterday", "en", "2024-03-01", "The deal was signed the day before yesterday.", "the day before yesterday", "2024-02-28", "2024-02-28", Day),
    // ----- tense: the nearest strong cue decides -----
    ("fr_weak_prochain_loses", "fr", "2024-04-03", "Le ministre a annoncé jeudi la tenue du prochain sommet.", "jeudi", "2024-03-28", "2024-03-28", Day),
    ("fr_future_before_reporting", "fr", "2024-04-03", "Le conseil se réunira jeudi, a annoncé le ministre.", "jeudi", "2024-04-04", "2024-04-04", Day),
    ("en_said_then_will", "en", "2024-04-03", "The White House said Trump will meet Putin on Friday.", "Friday", "2024-04-05", "2024-04-05", Day),
    ("en_said_past", "en", "2024-04-03", "Police said the attack happened on Friday.", "Friday", "2024-03-29", "2024-03-29", Day),
    // ----- without a publication date -----
    ("nopub_fr_hier", "fr", "", "Le président a démissionné hier.", "hier", "-", "-", Day),
    ("nopub_fr_yearless", "fr", "", "L'attaque a eu lieu le 5 avril.", "le 5 avril", "-", "-", Day),
    ("nopub_fr_semaine_derniere", "fr", "", "Il a démissionné la semaine dernière.", "la semaine dernière", "-", "-", Week),
    ("nopub_fr_absolute", "fr", "", "Le sommet s'est tenu le 5 avril 2016.", "le 5 avril 2016", "2016-04-05", "2016-04-05", Day),
    ("nopub_fr_depuis_2012", "fr", "", "Le pays est en guerre depuis 2012.", "depuis 2012", "2012-01-01", "-", Year),
    ("nopub_en_yesterday", "en", "", "He resigned yesterday.", "yesterday", "-", "-", Day),
    ("nopub_en_range", "en", "", "He served from 2010 to 2014.", "from 2010 to 2014", "2010-01-01", "2014-12-31", Year),
];

fn date(s: &str) -> Option<NaiveDate> {
    (s != "-" && !s.is_empty()).then(|| s.parse().expect(s))
}

#[test]
fn table() {
    assert!(CASES.len() >= 120, "{} cases", CASES.len());
    let mut failures = Vec::new();
    let mut names = std::collections::HashSet::new();
    for &(name, lang, published, sentence, text, start, end, precision) in CASES {
        assert!(names.insert(name), "duplicate case name {name}");
        let doc = vigie_text::analyze(sentence, Some(lang));
        let times = vigie_times::find(&doc, date(published));
        let Some(t) = times.iter().find(|t| t.date.text.as_deref() == Some(text)) else {
            let found: Vec<_> = times
                .iter()
                .map(|t| t.date.text.clone().unwrap_or_default())
                .collect();
            failures.push(format!(
                "{name}: {text:?} not found in {sentence:?}; found {found:?}"
            ));
            continue;
        };
        let got = (t.date.start, t.date.end, t.date.precision);
        let want = (date(start), date(end), precision);
        if got != want {
            failures.push(format!("{name}: {text:?} gave {got:?}, want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// Sentences where no time expression (or not the one named) may be found.
#[test]
fn not_time_expressions() {
    let cases: &[(&str, &str, &str)] = &[
        ("fr", "Le marché se tient le lundi.", "lundi"),
        (
            "fr",
            "Entre 1500 et 2000 manifestants ont défilé.",
            "Entre 1500 et 2000",
        ),
        ("fr", "De 1500 à 2000 manifestants ont défilé.", "De 1500 à 2000"),
        ("fr", "Il y a des morts et des blessés.", "*"),
        ("fr", "Il faut mettre fin aux combats.", "*"),
        ("fr", "La fin de la guerre est proche.", "*"),
        ("fr", "De 30 à 40 personnes ont été tuées.", "*"),
        ("fr", "Mars est une planète.", "*"),
        ("fr", "Il a passé trois jours en détention.", "*"),
        ("en", "The army may withdraw from the city.", "*"),
        ("en", "Thousands joined a march in the capital.", "*"),
        ("en", "In May 10 people died.", "May 10"),
        ("en", "Up to 2000 people were displaced.", "*"),
        ("en", "It took three days of talks in Doha.", "*"),
        ("en", "The late president was buried.", "*"),
        ("en", "The talks ended the war.", "*"),
        ("en", "They spent the next day in hiding.", "*"),
    ];
    for (lang, sentence, forbidden) in cases {
        let doc = vigie_text::analyze(sentence, Some(lang));
        let times = vigie_times::find(&doc, date("2024-04-03"));
        let texts: Vec<_> = times
            .iter()
            .map(|t| t.date.text.clone().unwrap_or_default())
            .collect();
        if *forbidden == "*" {
            assert!(texts.is_empty(), "{sentence:?}: found {texts:?}");
        } else {
            assert!(
                !texts.iter().any(|t| t == forbidden),
                "{sentence:?}: found {texts:?}"
            );
        }
    }
}

/// Spans point at the original text, typographic characters included.
#[test]
fn text_is_original() {
    let sentence = "Le 5\u{a0}avril, l\u{2019}armée a tiré. C\u{2019}était l\u{2019}an dernier.";
    let doc = vigie_text::analyze(sentence, Some("fr"));
    let times = vigie_times::find(&doc, date("2024-04-10"));
    let texts: Vec<_> = times.iter().map(|t| t.date.text.clone().unwrap()).collect();
    assert_eq!(texts, ["Le 5\u{a0}avril", "l\u{2019}an dernier"]);
    assert_eq!(times[1].sentence, 1);
    assert_eq!(&doc.norm.text[times[1].nstart..times[1].nend], "l'an dernier");
    assert!(times.iter().all(|t| t.relative && t.resolved()));
}
