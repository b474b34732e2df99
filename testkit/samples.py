"""Hand-written source articles in each language the tests need."""

EN = """China needs security coordination with neighbors over Kazakhstan

The unrest in Kazakhstan has attracted worldwide attention in the past few days. Although the situation was reportedly brought largely under control by local authorities over the weekend, the worst violence in the country in three decades has raised concerns.

Energy cooperation

Meanwhile, China and Kazakhstan have made remarkable achievements in energy cooperation. Kazakhstan is an important transit country for the China-Central Asia gas pipeline.

Therefore, it is necessary to promote stability in Kazakhstan and prevent external forces from sabotaging peace in Central Asia."""

RU = """США готовы обсуждать с Россией размещение ракет

ЖЕНЕВА, 10 января. /ТАСС/. Соединенные Штаты готовы обсуждать с Россией вопросы размещения ракет в Европе, заявила заместитель госсекретаря США по итогам переговоров в Женеве.

По ее словам, стороны провели откровенный и прямой разговор о гарантиях безопасности. Следующий раунд консультаций пройдет в Брюсселе на площадке Совета Россия - НАТО."""

DE = """Kasachstan und die Energiewende

Mit erheblicher Sorge blickt die deutsche Wirtschaft auf die Unruhen und die künftige Entwicklung in Kasachstan. Dem Land wird einige Bedeutung im Machtkampf gegen China beigemessen.

Experten urteilen nun jedoch, der Einsatz des von Moskau geführten Militärbündnisses in Kasachstan könne dies ändern."""

UK = """Президент України провів нараду з питань безпеки

Президент України заявив, що ситуація на кордоні залишається складною. Він наголосив, що українські військові готові до будь-якого розвитку подій і що міжнародні партнери продовжують підтримку."""

FR = """La situation au Kazakhstan inquiète les voisins

Les troubles au Kazakhstan ont attiré l'attention du monde entier ces derniers jours. Selon les autorités locales, la situation est désormais largement sous contrôle, mais les inquiétudes demeurent."""
