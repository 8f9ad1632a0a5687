// Language (vi default, en) and locale-correct numbers and dates through Intl (docs/dashboards.md).
// One row per label: [Vietnamese, English], so a label cannot exist in one language only.
const TEXT = {
  "sec.model": ["Mô hình cơ sở ở cùng sản lượng", "Baseline model at the same output"],
  "sec.baselineperiod": ["TB kỳ cơ sở", "Baseline period average"],
  "savings.money": ["Chi phí tiết kiệm đến nay", "Money saved to date"],
  "savings.co2": ["CO₂ tránh phát thải đến nay", "CO₂ avoided to date"],
  "carrier.electricity": ["điện", "electricity"],
  "carrier.natural_gas": ["khí đốt", "natural gas"],
  "carrier.diesel": ["dầu DO", "diesel"],
  "carrier.coal": ["than", "coal"],
  "carrier.coal_grade_1_2": ["than loại 1–2", "coal (grade 1–2)"],
  "carrier.coal_grade_3_4": ["than loại 3–4", "coal (grade 3–4)"],
  "carrier.coal_grade_5_6": ["than loại 5–6", "coal (grade 5–6)"],
  "carrier.coke": ["than cốc", "coke"],
  "carrier.lpg": ["khí hoá lỏng (LPG)", "LPG"],
  "carrier.fuel_oil": ["dầu FO", "fuel oil"],
  "carrier.petrol": ["xăng", "petrol"],
  "carrier.steam": ["hơi nước", "steam"],
  "carrier.biomass": ["sinh khối", "biomass"],
  "carrier.bagasse": ["bã mía", "bagasse"],
  "carrier.rice_husk": ["trấu", "rice husk"],
  "carrier.wood_chips": ["dăm gỗ", "wood chips"],
  "co2.gridyear": ["hệ số lưới {year}", "grid factor {year}"],
  "series.flow": ["Lưu lượng TB", "Mean flow"],
  "series.volume": ["Thể tích", "Volume"],
  "series.rate": ["Trung bình", "Mean"],
  "trends.power.gas": ["Lưu lượng và thể tích theo khoảng", "Flow and interval volume"],
  "summary.rate": ["{what}: thấp nhất {min} {unit}, cao nhất {max} {unit}, trung bình {avg} {unit}; tổng {total} {qunit}.", "{what}: lowest {min} {unit}, highest {max} {unit}, mean {avg} {unit}; total {total} {qunit}."],
  "summary.secmodel": ["SEC của kỳ (tổng năng lượng / tổng sản lượng) {avg} {unit}; mô hình cơ sở ở cùng sản lượng {base} {unit}.", "SEC of the period (total energy / total production) {avg} {unit}; baseline model at the same output {base} {unit}."],
  "sec.derived": ["(tính từ bộ đếm)", "(derived from the counter)"],
  "app.title": ["EnergyTrace", "EnergyTrace"],
  "programme.title": ["Chương trình sản xuất sạch hơn của tỉnh", "The province's cleaner-production programme"],
  "programme.overview": ["Năng lượng", "Energy"],
  "programme.overview.open": ["Tổng quan năng lượng của cơ sở", "The facility's energy overview"],
  "programme.title.area": ["Chương trình sản xuất sạch hơn — {area}", "Cleaner-production programme — {area}"],
  "programme.district": ["Huyện / thành phố", "District"],
  "programme.sector": ["Ngành (VSIC)", "Sector (VSIC)"],
  "programme.stage": ["Giai đoạn SXSH", "CP stage"],
  "programme.asof": ["Tính đến ngày", "As of"],
  "programme.energy.verified": ["Năng lượng tiết kiệm đã xác minh: {toe} TOE ({kwh} kWh cuối cùng, {n} cơ sở)", "Verified energy saved: {toe} TOE ({kwh} kWh final, {n} facilities)"],
  "programme.energy.indicative": ["ước tính, chưa xác minh: {toe} TOE ({kwh} kWh, {n} cơ sở)", "indicative, not verified: {toe} TOE ({kwh} kWh, {n} facilities)"],
  "programme.energy.incomplete": ["(thiếu hệ số quy đổi; xem báo cáo)", "(a conversion factor is missing; see the report)"],
  "programme.asof.text": ["Tính đến ngày {date}", "As of {date}"],
  "programme.asof.how": ["Các chỉ số tính đến một ngày: mọi mức tiết kiệm đã ghi nhận đến ngày đó. Báo cáo theo kỳ (bên dưới) chỉ tính các mức tiết kiệm nằm trọn trong kỳ, nên có thể khác; ghi chú của báo cáo nói rõ từng trường hợp.", "The indicators are as of a date: every saving recorded by then. A period's report (below) counts only the savings that lie within the period, so it can differ; the report's notes name each case."],
  "programme.all": ["tất cả", "all"],
  "programme.indicators": ["Chỉ tiêu so với mục tiêu", "Indicators against targets"],
  "programme.facilities": ["Cơ sở trong phạm vi", "Facilities in scope"],
  "programme.col.facility": ["Cơ sở", "Facility"],
  "programme.col.park": ["Khu công nghiệp", "Industrial park"],
  "programme.col.vsic": ["Mã VSIC", "VSIC code"],
  "programme.col.officers": ["Cán bộ SXSH đã đào tạo", "CP officers trained"],
  "programme.col.keu": ["Sử dụng năng lượng trọng điểm", "Key energy user"],
  "programme.keu.yes": ["có", "yes"],
  "programme.keu.no": ["không", "no"],
  "overview.undeclared": ["Các bộ thu thập đã gửi số đếm sản lượng của sản phẩm chưa được khai báo (30 ngày qua), nên chưa được tính vào sản lượng: {list}. Hãy khai báo sản phẩm, hoặc sửa cấu hình sản lượng của bộ thu thập nếu mã bị gõ sai.", "The gateways sent production counts of products that are not declared (last 30 days), so they count in no production: {list}. Declare the product, or correct the gateway's production mapping if the code is mistyped."],
  "overview.undeclared.item": ["{product} (dây chuyền {line}, {n} số đếm, gần nhất {at})", "{product} (line {line}, {n} counts, latest {at})"],
  "programme.keu.incomplete": ["số liệu năm chưa đủ", "the year's figures incomplete"],
  "programme.count": ["{n} trên {all} cơ sở", "{n} of {all} facilities"],
  "programme.fraction": ["{n} trên {d}", "{n} of {d}"],
  "programme.target": ["mục tiêu {target}", "target {target}"],
  "programme.ind.aware": ["Cơ sở nhận thức về SXSH", "Facilities aware of CP"],
  "programme.ind.applying": ["Cơ sở có tiềm năng đang áp dụng SXSH", "Facilities with potential applying CP"],
  "programme.ind.saving8": ["Tiết kiệm ≥ {level} (đã xác minh)", "Saving ≥ {level} (verified)"],
  "programme.ind.saving13": ["Tiết kiệm ≥ {level} (đã xác minh)", "Saving ≥ {level} (verified)"],
  "programme.ind.saving8.indicative": ["Tiết kiệm ≥ {level} (ước tính, chưa xác minh)", "Saving ≥ {level} (indicative, not verified)"],
  "programme.tg.title": ["Mục tiêu của chương trình", "Programme targets"],
  "programme.tg.aware": ["Cơ sở nhận thức về SXSH", "Facilities aware of CP"],
  "programme.tg.applying": ["Cơ sở có tiềm năng áp dụng SXSH", "Facilities with potential applying CP"],
  "programme.tg.saving_low": ["Mức tiết kiệm thấp trên đơn vị sản phẩm", "Lower saving level per unit of product"],
  "programme.tg.saving_high": ["Mức tiết kiệm cao trên đơn vị sản phẩm", "Higher saving level per unit of product"],
  "programme.tg.officers_trained": ["Cán bộ SXSH được đào tạo", "CP officers trained"],
  "programme.tg.from": ["Áp dụng từ ngày", "In force from"],
  "programme.tg.reason": ["Lý do thay đổi", "Reason for the change"],
  "programme.tg.save": ["Lưu mục tiêu", "Save the targets"],
  "programme.tg.saved": ["Đã lưu mục tiêu.", "The targets were saved."],
  "programme.tg.history": ["Lịch sử thay đổi", "History of changes"],
  "programme.tg.nohistory": ["Chưa có thay đổi nào: áp dụng bảng mục tiêu mặc định.", "No change yet: the default targets apply."],
  "programme.tg.stored": ["Ngày {date}: áp dụng mục tiêu tỉnh đặt từ {from} ({who}: {reason}).", "On {date}: the province's targets from {from} apply ({who}: {reason})."],
  "programme.t.noofficer": ["Cơ sở này chưa có cán bộ SXSH trong sổ đăng ký (PUT /api/v1/programme/facilities/…/officers/…): chưa thể ghi khoá đào tạo.", "This facility has no CP officer in the registry yet (PUT /api/v1/programme/facilities/…/officers/…): no training can be recorded."],
  "programme.tg.range": ["{what}: nhập một tỷ lệ từ 0 đến 100 %.", "{what}: enter a percentage from 0 to 100."],
  "programme.tg.order": ["Mức tiết kiệm cao ({high}) phải lớn hơn mức thấp ({low}).", "The higher saving level ({high}) must be above the lower one ({low})."],
  "programme.tg.carried": ["Bảng này có hiệu lực đến {date} và được áp dụng tiếp vì chưa có mục tiêu mới.", "The table was valid until {date} and is carried forward: no later targets exist."],
  "programme.tg.bundled": ["Ngày {date}: áp dụng bảng mục tiêu mặc định (Quyết định 1419/QĐ-TTg).", "On {date}: the default targets apply (Decision 1419/QĐ-TTg)."],
  "programme.tg.entry": ["Từ {from}: {values} — {who}, {at}: {reason}", "From {from}: {values} — {who}, {at}: {reason}"],
  "programme.ind.officers": ["Cán bộ SXSH được đào tạo", "CP officers trained"],
  "programme.map": ["Bản đồ các cơ sở", "Map of the facilities"],
  "programme.map.intro": ["Vị trí theo tọa độ trong sổ đăng ký, màu theo huyện/thành phố; bấm vào một điểm để xem hồ sơ.", "Positions from the registry's coordinates, coloured by district; click a point to see the profile."],
  "programme.map.count": ["{n} cơ sở trên bản đồ", "{n} facilities on the map"],
  "programme.map.missing": ["{n} cơ sở chưa có tọa độ", "{n} facilities without coordinates"],
  "programme.timeline": ["Quá trình SXSH", "CP lifecycle"],
  "programme.officers": ["Cán bộ SXSH", "CP officers"],
  "programme.recorded": ["ghi nhận bởi {who} lúc {at}", "recorded by {who} at {at}"],
  "programme.evidence": ["Minh chứng", "Evidence"],
  "programme.signoff": ["Theo ý kiến kiểm toán viên {who}: {opinion}, EnPI {enpi}, kỳ {from} – {to}, hồ sơ SHA-256 {sha}",
    "From auditor {who}'s sign-off: {opinion}, EnPI {enpi}, period {from} – {to}, dossier SHA-256 {sha}"],
  "programme.signoff.detail": ["ý kiến xác nhận theo kỳ số {id}, đường cơ sở phiên bản {version}", "period sign-off {id}, baseline version {version}"],
  "programme.withdrawn": ["Đã rút lại ngày {on} bởi {who} (không xác nhận): {reason}", "Withdrawn on {on} by {who} (not verified): {reason}"],
  "programme.after": ["sau ngày tính", "after the as-of date"],
  "programme.nosteps": ["Chưa có bước nào được ghi nhận.", "No step recorded yet."],
  "programme.trained": ["đã được đào tạo", "trained"],
  "programme.untrained": ["chưa được đào tạo", "not trained"],
  "programme.notcompleted": ["chưa hoàn thành", "not completed"],
  "programme.detail.workshop": ["hội thảo", "workshop"],
  "programme.detail.visit": ["tham quan học tập", "study tour"],
  "programme.detail.material": ["tài liệu", "material"],
  "programme.potential.yes": ["có tiềm năng", "with potential"],
  "programme.potential.no": ["không có tiềm năng", "without potential"],
  "programme.form.step": ["Ghi nhận một bước SXSH", "Record a CP step"],
  "programme.form.training": ["Ghi nhận một khóa đào tạo", "Record a training"],
  "programme.form.date": ["Ngày", "Date"],
  "programme.form.detail": ["Hình thức", "How"],
  "programme.form.potential": ["Tiềm năng SXSH", "CP potential"],
  "programme.form.evidence": ["Tệp minh chứng (tùy chọn)", "Evidence file (optional)"],
  "programme.form.officer": ["Cán bộ", "Officer"],
  "programme.form.course": ["Khóa học", "Course"],
  "programme.form.certificate": ["Chứng chỉ", "Certificate"],
  "programme.form.completed": ["đã hoàn thành", "completed"],
  "programme.form.record": ["Ghi nhận", "Record"],
  "programme.form.recorded": ["Đã ghi nhận.", "Recorded."],
  "programme.reports": ["Báo cáo theo kỳ", "Reports of a period"],
  "programme.report.period": ["Kỳ báo cáo", "Period"],
  "programme.report.lang": ["Ngôn ngữ", "Language"],
  "programme.report.vi": ["tiếng Việt", "Vietnamese"],
  "programme.report.en": ["tiếng Anh", "English"],
  "programme.period.h1": ["6 tháng đầu năm {year}", "First half of {year}"],
  "programme.period.h2": ["6 tháng cuối năm {year}", "Second half of {year}"],
  "programme.period.year": ["Cả năm {year}", "Year {year}"],
  "programme.report.province": ["Báo cáo của tỉnh", "Province report"],
  "programme.report.district": ["Báo cáo của {name}", "Report of {name}"],
  "programme.report.park": ["Báo cáo của {name}", "Report of {name}"],
  "stage.not_reached": ["chưa tiếp cận", "not yet reached"],
  "stage.aware": ["đã nhận thức", "aware"],
  "stage.potential_assessed": ["đã đánh giá tiềm năng", "potential assessed"],
  "stage.assessment_done": ["đã đánh giá SXSH", "assessment done"],
  "stage.applying": ["đang áp dụng", "applying"],
  "stage.savings_verified": ["tiết kiệm đã xác minh", "savings verified"],
  "programme.stage.reverify": ["cần xác minh lại (dữ liệu thay đổi sau hồ sơ đã ký)", "to be re-verified (data changed after the signed dossier)"],
  "nav.overview": ["Tổng quan", "Overview"],
  "nav.trends": ["Xu hướng", "Trends"],
  "nav.live": ["Trực tiếp", "Live"],
  "nav.showcase": ["Trưng bày", "Showcase"],
  "nav.signin": ["Đăng nhập", "Sign in"],
  "nav.signout": ["Đăng xuất", "Sign out"],
  "lang.switch": ["English", "Tiếng Việt"],
  "live.connecting": ["đang kết nối…", "connecting…"],
  "live.live": ["trực tiếp", "live"],
  "live.stale": ["dữ liệu cũ", "stale data"],
  "live.offline": ["mất kết nối – đang thử lại", "disconnected – retrying"],
  "overview.title": ["Tổng quan doanh nghiệp", "Enterprise overview"],
  "kpi.power": ["Công suất hiện tại", "Power now"],
  "kpi.energy": ["Năng lượng hôm nay (quy đổi kWh)", "Energy today (kWh final)"],
  "kpi.energy.notcounted": ["chưa tính: {meters}", "not counted: {meters}"],
  "kpi.toe": ["Năng lượng hôm nay (TOE)", "Energy today (TOE)"],
  "kpi.co2": ["Phát thải CO₂ hôm nay", "CO₂ today"],
  "kpi.online": ["Công tơ trực tuyến", "Meters online"],
  "meters.title": ["Công suất theo công tơ / dây chuyền", "Power per meter / line"],
  "col.gateway": ["Bộ thu thập", "Gateway"],
  "col.lastmessage": ["Bản tin cuối", "Last message"],
  "col.software": ["Phần mềm", "Software"],
  "col.missing": ["Bản tin không đến", "Messages never arrived"],
  "gw.title": ["Bộ thu thập dữ liệu (gateway)", "Gateways"],
  "gw.intro": ["Trạng thái mà mỗi bộ thu thập báo lần cuối, bản tin cuối cùng nhận được từ nó, và các bản tin được đánh số đã không bao giờ đến: số liệu trong các bản tin đó không được lưu, và bộ thu thập không còn giữ chúng.", "What each gateway last said of itself, when its last message came, and the numbered messages that never arrived: the readings in them are not stored, and the gateway no longer holds them."],
  "gw.status.none": ["chưa báo trạng thái", "has not reported"],
  "gw.status.online": ["trực tuyến từ {at}", "online since {at}"],
  "gw.status.offline": ["ngoại tuyến từ {at}", "offline since {at}"],
  "gw.reason.started": ["đã khởi động", "started"],
  "gw.reason.stopping": ["đang dừng", "stopping"],
  "gw.reason.connection lost": ["mất kết nối", "connection lost"],
  "gw.reason.reconnected": ["đã kết nối lại", "reconnected"],
  "gw.reason.config reload: publishing restarts": ["nạp lại cấu hình: việc gửi khởi động lại", "config reload: publishing restarts"],
  "gw.missing.none": ["không có", "none"],
  "gw.missing": ["{n} bản tin không bao giờ đến: {ranges}", "{n} messages never arrived: {ranges}"],
  "gw.missing.range": ["số {seq} (các số sau đó đến lúc {at})", "seq {seq} (the numbers above came at {at})"],
  "gw.missing.more": ["và {n} khoảng khác", "and {n} more ranges"],
  "col.meter": ["Công tơ", "Meter"],
  "col.site": ["Nhà máy", "Site"],
  "col.power": ["Công suất (kW)", "Power (kW)"],
  "col.lastseen": ["Lần cuối", "Last seen"],
  "col.status": ["Trạng thái", "Status"],
  "col.energy": ["Năng lượng hôm nay", "Energy today"],
  "col.coverage": ["Độ phủ dữ liệu", "Data coverage"],
  "col.channel": ["Kênh", "Channel"],
  "col.value": ["Giá trị", "Value"],
  "col.unit": ["Đơn vị", "Unit"],
  "col.time": ["Thời điểm", "Time"],
  "col.quality": ["Chất lượng", "Quality"],
  "col.kind": ["Loại", "Kind"],
  "col.event": ["Sự kiện", "Event"],
  "col.from": ["Từ", "From"],
  "col.to": ["Đến", "To"],
  "col.duration": ["Thời lượng", "Duration"],
  "status.online": ["trực tuyến", "online"],
  "status.offline": ["ngoại tuyến", "offline"],
  "quality.good": ["tốt", "good"],
  "quality.uncertain": ["không chắc chắn", "uncertain"],
  "quality.bad": ["xấu", "bad"],
  "enpi.title": ["Suất tiêu hao năng lượng (SEC) và tiết kiệm", "Specific energy consumption (SEC) and savings"],
  "sec.lastday": ["SEC ngày hoàn chỉnh gần nhất", "SEC, last complete day"],
  "sec.month": ["SEC tháng này", "SEC this month"],
  "sec.baseline": ["Đường cơ sở", "Baseline"],
  "savings.todate": ["Tiết kiệm đến nay", "Savings to date"],
  "overview.signed": ["Kỳ được kiểm toán viên ký xác nhận gần nhất: {from} – {to}, tiết kiệm {saving} {unit} ({pct}); tiết kiệm đến nay ở trên gồm cả các ngày sau kỳ đó, chưa được xác minh", "Newest period signed off by the auditor: {from} – {to}, saving {saving} {unit} ({pct}); the saving to date above also counts the days after it, not yet verified"],
  "overview.signed.reverify": ["cần xác minh lại: dữ liệu của kỳ đã thay đổi sau khi ký", "to be re-verified: the period's data changed after the sign-off"],
  "savings.band": ["khoảng tin cậy 90 %", "90 % confidence band"],
  "ver.period.savings": ["Tiết kiệm của kỳ: {saving} {unit} ({pct}; khoảng tin cậy 90 %: {low} … {high} {unit}); năng lượng thực tế {actual} {unit}, đường cơ sở điều chỉnh {adjusted} {unit}",
    "Savings of the period: {saving} {unit} ({pct}; 90 % confidence band {low} … {high} {unit}); actual energy {actual} {unit}, adjusted baseline {adjusted} {unit}"],
  "res.title": ["Tài nguyên trên đơn vị sản phẩm: năng lượng, nước, nguyên liệu", "Resources per unit of product: energy, water, materials"],
  "res.none": ["Chưa khai báo tài nguyên nào (nước, nhiên liệu, nguyên liệu) cho doanh nghiệp này.", "No resources (water, fuels, materials) are declared for this enterprise yet."],
  "res.noenpi": ["Cần một EnPI có sản phẩm và đường cơ sở để tính suất tiêu hao theo tài nguyên", "An EnPI with a product and a baseline is needed for the consumption per resource"],
  "res.intro": ["Trên mỗi đơn vị {product}: kỳ cơ sở {from} – {to}, so sánh từ {since}.", "Per unit of {product}: baseline {from} – {to}, compared since {since}."],
  "res.kind.energy": ["năng lượng", "energy"],
  "res.kind.water": ["nước", "water"],
  "res.kind.material": ["nguyên liệu", "material"],
  "res.source.meter": ["đo bằng công tơ", "metered"],
  "res.source.entries": ["theo số liệu nhập (lượng dùng, nhập kho, kiểm kê)", "from entries (usage, deliveries, stock counts)"],
  "res.unapproved": ["Chỉ mang tính tham khảo: so với kỳ cơ sở của EnPI, chưa có đường cơ sở của tài nguyên này được kiểm toán viên phê duyệt.", "Indicative: measured against the EnPI's baseline period; no baseline of this resource is approved by an auditor."],
  "res.baseline": ["Kỳ cơ sở", "Baseline"],
  "res.model": ["mô hình", "model"],
  "res.cost": ["Chi phí theo hoá đơn trên đơn vị sản phẩm", "Invoiced cost per unit of product"],
  "res.savings": ["Tiết kiệm", "Saved"],
  "unit.m3": ["m³", "m³"],
  "unit.Nm3": ["Nm³", "Nm³"],
  "target.8": ["Mục tiêu 8 %", "8 % target"],
  "target.13": ["Mục tiêu 13 %", "13 % target"],
  "target.MET": ["đạt", "met"],
  "target.met.unsigned": ["theo số đo, chưa được kiểm toán viên xác minh", "as measured, not yet verified by an auditor"],
  "target.NOT_MET": ["chưa đạt", "not met"],
  "target.INCONCLUSIVE": ["chưa kết luận", "inconclusive"],
  "target.INDICATIVE": ["chỉ mang tính tham khảo, chưa đánh giá theo mục tiêu", "indicative, not judged against the target"],
  "enpi.none": ["Chưa có chỉ số EnPI nào được định nghĩa cho doanh nghiệp này.", "No EnPI is defined for this enterprise yet."],
  "baseline.none": ["Chưa có đường cơ sở.", "No baseline yet."],
  "savings.none": ["Chưa có ngày nào sau biện pháp để tính tiết kiệm.", "No day after the measure to compute savings from yet."],
  "value.none": ["—", "—"],
  "nav.reporting": ["Báo cáo định kỳ", "Period reports"],
  "nav.programme": ["Chương trình SXSH", "CP programme"],
  "nav.cp": ["Sản xuất sạch hơn", "Cleaner production"],
  "nav.cpassessments": ["Đánh giá SXSH", "CP assessments"],
  "nav.cpedit": ["Biên tập mục SXSH", "Edit the CP section"],
  "rep.title": ["Báo cáo định kỳ của chương trình SXSH", "Period reports of the CP programme"],
  "rep.period": ["Kỳ báo cáo", "Reporting period"],
  "rep.noperiod": ["Chưa có kỳ báo cáo nào.", "No reporting period yet."],
  "rep.deadline": ["Hạn nộp", "Deadline"],
  "rep.deadline.text": ["Hạn nộp {date}", "Deadline {date}"],
  "rep.daysleft": ["còn {n} ngày", "{n} days left"],
  "rep.overdue": ["quá hạn {n} ngày", "{n} days overdue"],
  "rep.closed": ["kỳ đã khóa sổ", "period closed"],
  "rep.report.title": ["Báo cáo {period} · {name}", "Report of {period} · {name}"],
  "rep.state.not_started": ["chưa lập", "not started"],
  "rep.state.draft": ["bản nháp", "draft"],
  "rep.state.submitted": ["đã nộp", "submitted"],
  "rep.latemark": ["trễ hạn", "late"],
  "rep.submittedlate": ["nộp sau hạn", "submitted after the deadline"],
  "rep.submittedat": ["nộp lúc {at} bởi {by}", "submitted {at} by {by}"],
  "rep.reopened": ["đã mở lại: {reason}", "reopened: {reason}"],
  "rep.prefilled": ["số liệu lấy từ dữ liệu đã lưu ngày {date}", "figures read from the stored data on {date}"],
  "rep.frozen": ["số liệu như lúc nộp", "figures as submitted"],
  "rep.cp": ["Tình trạng SXSH", "CP status"],
  "rep.cp.text": ["{stage} (tính đến ngày {date})", "{stage} (as of {date})"],
  "rep.energy": ["Năng lượng theo loại: lượng doanh nghiệp kê khai cho cả năm, nếu không thì lượng đo đếm hoặc nhập trong kỳ báo cáo (đến nay)", "Energy by carrier: as declared for the whole year, else metered or entered over the reporting period (to date)"],
  "rep.days": ["{n} ngày có số liệu", "{n} days with data"],
  "rep.enpis": ["Năng lượng, sản lượng và suất tiêu hao (SEC) so với đường cơ sở", "Energy, production and SEC against the baseline"],
  "rep.measures": ["Giải pháp đã áp dụng", "Measures applied"],
  "rep.savings": ["Tiết kiệm trong kỳ", "Savings of the period"],
  "rep.saving.verified": ["đã xác minh", "verified"],
  "rep.saving.indicative": ["ước tính, chưa xác minh", "indicative, not verified"],
  "rep.notes": ["Ghi chú của doanh nghiệp", "The enterprise's notes"],
  "rep.save": ["Lưu nháp", "Save draft"],
  "rep.submit": ["Nộp báo cáo", "Submit the report"],
  "rep.reason": ["Lý do", "Reason"],
  "rep.reopen": ["Mở lại báo cáo", "Reopen the report"],
  "rep.none": ["không có", "none"],
  "rep.done": ["Đã lưu.", "Saved."],
  "rep.submit.confirm": ["Nộp báo cáo? Sau khi nộp, doanh nghiệp không sửa được nữa; chỉ cán bộ Sở mở lại được (kèm lý do).", "Submit the report? Once submitted the enterprise cannot change it; only the province's officer can reopen it (with a reason)."],
  "rep.submitted.done": ["Đã nộp báo cáo.", "The report was submitted."],
  "rep.conflict": ["Không thực hiện được: {message}", "Not done: {message}"],
  "rep.source.declared": ["doanh nghiệp kê khai", "declared"],
  "rep.source.metered": ["đo đếm", "metered"],
  "rep.source.entered": ["nhập từ giao nhận và kiểm kê", "entered (deliveries, stock counts)"],
  "rep.status": ["Tình hình nộp báo cáo trong phạm vi", "Reporting status in your area"],
  "rep.count.submitted": ["Đã nộp", "Submitted"],
  "rep.count.draft": ["Đang soạn", "In draft"],
  "rep.count.not_started": ["Chưa lập", "Not started"],
  "rep.count.late": ["Trễ hạn", "Late"],
  "rep.of": ["trên {n} cơ sở", "of {n} facilities"],
  "rep.late": ["Danh sách trễ hạn", "Late list"],
  "rep.nolate": ["Không có cơ sở nào trễ hạn.", "No facility is late."],
  "rep.admin": ["Quản lý kỳ báo cáo", "Period administration"],
  "rep.reminderdays": ["Nhắc trước (ngày)", "Remind before (days)"],
  "rep.create": ["Mở kỳ báo cáo", "Open the period"],
  "rep.setdeadline": ["Đổi hạn nộp", "Move the deadline"],
  "rep.close": ["Khóa sổ kỳ", "Close the period"],
  "rep.remind": ["Gửi nhắc nhở ngay", "Send the reminders now"],
  "rep.reminded": ["Đã ghi {n} nhắc nhở.", "{n} reminders recorded."],
  "rep.reminded.overdue": ["Đã ghi {n} nhắc nhở quá hạn cho các cơ sở trễ hạn chưa được nhắc.", "Overdue reminders recorded: {n}, for the late facilities not reminded yet."],
  "rep.remind.closed": ["Kỳ đã khóa sổ: không gửi nhắc nhở.", "The period is closed: no reminders."],
  "rep.remind.early": ["Chưa đến lúc nhắc: nhắc nhở bắt đầu từ ngày {date}.", "Not yet: reminders start on {date}."],
  "rep.remind.none": ["Không có nhắc nhở mới: mọi cơ sở chưa nộp đều đã được nhắc.", "No new reminder: every facility that has not submitted has been reminded."],
  "rep.outbox": ["Thư nhắc (hộp thư đi)", "Reminders (outbox)"],
  "rep.outbox.note": ["Chưa cấu hình gửi thư: thư nhắc được ghi lại ở đây.", "No mail sending is configured: reminders are recorded here."],
  "rep.reminder.queued": ["chờ gửi", "queued"],
  "rep.reminder.no_address": ["không có địa chỉ thư", "no e-mail address"],
  "rep.reminder.sent": ["đã gửi", "sent"],
  "rep.col.covers": ["Khoảng thời gian", "Covers"],
  "rep.col.carrier": ["Loại năng lượng", "Carrier"],
  "rep.col.amount": ["Lượng", "Amount"],
  "rep.col.source": ["Nguồn", "Source"],
  "rep.col.enpi": ["Chỉ số hiệu quả (EnPI)", "EnPI"],
  "rep.col.energy": ["Năng lượng", "Energy"],
  "rep.col.production": ["Sản lượng", "Production"],
  "rep.col.sec": ["SEC", "SEC"],
  "rep.col.baseline": ["SEC theo đường cơ sở", "Baseline SEC"],
  "rep.col.change": ["Thay đổi", "Change"],
  "rep.col.resource": ["Tài nguyên", "Resource"],
  "rep.col.range": ["Giai đoạn", "Period"],
  "rep.col.fraction": ["Tỷ lệ tiết kiệm", "Saving"],
  "rep.col.status": ["Trạng thái", "Status"],
  "rep.col.facility": ["Cơ sở", "Facility"],
  "rep.col.district": ["Huyện / thành phố", "District"],
  "rep.col.submitted": ["Thời điểm nộp", "Submitted"],
  "rep.col.reminder": ["Nhắc nhở", "Reminder"],
  "rep.col.recipient": ["Người nhận", "Recipient"],
  "rep.col.created": ["Ghi lúc", "Recorded"],
  "meter.title": ["Chi tiết công tơ", "Meter detail"],
  "meter.channels": ["Giá trị mới nhất của các kênh", "Latest value of every channel"],
  "meter.gaps": ["Khoảng trống dữ liệu (7 ngày)", "Data gaps (7 days)"],
  "meter.noevents": ["Không có sự kiện bộ đếm.", "No counter events."],
  "meter.nogaps": ["Không có khoảng trống.", "No gaps."],
  "meter.events": ["Sự kiện bộ đếm đã ghi nhận (thay công tơ, đổi hệ số)", "Recorded counter events (replacements, multiplier changes)"],
  "meter.anomalies": ["Bất thường của bộ đếm (30 ngày)", "Counter anomalies (30 days)"],
  "meter.anomalies.intro": ["Các lần đặt lại và tràn thanh ghi do hệ thống tự nhận định, và các khoảng có tốc độ lớn hơn 3 lần mức cao thường gặp của kênh. Tốc độ được tính trên ít nhất 15 phút. Dữ liệu không bị sửa: nếu công tơ đã được thay, quản trị viên doanh nghiệp ghi nhận sự kiện thay thế ở mục “Ghi nhận sự kiện bộ đếm” trên trang này.", "Resets and register wraps the system decided on its own, and intervals above 3 × the channel's usual highest rate, a rate taken over at least 15 minutes. Nothing is changed: if the meter was replaced, the enterprise administrator records the replacement under “Record a counter event” on this page."],
  "meter.noanomalies": ["Không có bất thường.", "No anomalies."],
  "anomaly.how.reset": ["đặt lại (tính từ 0)", "reset (booked from zero)"],
  "anomaly.how.wrap": ["tràn thanh ghi", "register wrap"],
  "anomaly.how.difference": ["tăng", "rise"],
  "anomaly.how.event": ["sau sự kiện", "after an event"],
  "anomaly.implausible": ["BẤT THƯỜNG", "IMPLAUSIBLE"],
  "anomaly.plausible": ["hợp lý", "plausible"],
  "anomaly.notjudged": ["chưa đủ dữ liệu để đánh giá", "too few intervals to judge"],
  "col.booked": ["Đã tính", "Booked"],
  "col.rate": ["Tốc độ / mức thường gặp", "Rate / usual"],
  "col.judged": ["Đánh giá", "Judged"],
  "meter.cal.title": ["Hiệu chuẩn", "Calibrations"],
  "meter.cal.intro": ["Các lần hiệu chuẩn công tơ do doanh nghiệp ghi nhận. Bản ghi không bao giờ bị sửa: bản ghi sai được đính chính bằng một bản ghi mới, bản ghi cũ vẫn được giữ.", "The meter's calibrations as the enterprise recorded them. A record is never edited: a wrong one is corrected by a new record, and the old one is kept."],
  "meter.cal.calibrated_on": ["Ngày hiệu chuẩn", "Calibrated on"],
  "meter.cal.valid_until": ["Có hiệu lực đến", "Valid until"],
  "meter.cal.valid_until.optional": ["Có hiệu lực đến (không bắt buộc)", "Valid until (optional)"],
  "meter.cal.noexpiry": ["không ghi thời hạn", "no expiry stated"],
  "meter.cal.lab": ["Phòng thí nghiệm", "Laboratory"],
  "meter.cal.certificate": ["Số giấy chứng nhận", "Certificate number"],
  "meter.cal.result": ["Kết quả", "Result"],
  "meter.cal.result.passed": ["Đạt", "Passed"],
  "meter.cal.result.adjusted": ["Đạt sau hiệu chỉnh", "Adjusted"],
  "meter.cal.result.failed": ["Không đạt", "Failed"],
  "meter.cal.file": ["Giấy chứng nhận", "Certificate"],
  "meter.cal.file.optional": ["Tệp giấy chứng nhận (không bắt buộc, tối đa 512 KiB)", "Certificate file (optional, at most 512 KiB)"],
  "meter.cal.note": ["Ghi chú", "Note"],
  "meter.cal.recorded": ["Người ghi nhận, lúc", "Recorded by, at"],
  "meter.cal.state": ["Trạng thái", "Status"],
  "meter.cal.current": ["Hiện hành", "Current"],
  "meter.cal.correctedby": ["Đã được đính chính bởi bản ghi số {n}", "Corrected by record {n}"],
  "meter.cal.correcting": ["Đính chính bản ghi số {n}", "Corrects record {n}"],
  "meter.cal.none": ["Chưa có bản ghi hiệu chuẩn nào.", "No calibration recorded yet."],
  "meter.cal.record": ["Ghi nhận hiệu chuẩn", "Record a calibration"],
  "meter.cal.corrects": ["Đính chính bản ghi", "Corrects record"],
  "meter.cal.corrects.none": ["không (bản ghi mới)", "none (a new record)"],
  "meter.cal.corrects.one": ["số {n} – {d} – {c}", "no. {n} – {d} – {c}"],
  "meter.cal.send": ["Ghi nhận", "Record"],
  "form.problems": ["Chưa gửi được, hãy sửa:", "Not sent yet; please correct:"],
  "form.required": ["cần nhập", "required"],
  "form.future": ["là ngày trong tương lai ({d}): chỉ ghi nhận khi đã hiệu chuẩn", "is in the future ({d}): record it once it is done"],
  "form.futuretime": ["là thời điểm trong tương lai: chỉ ghi nhận khi đã xảy ra", "is in the future: record it once it has happened"],
  "form.beforecal": ["trước ngày hiệu chuẩn ({d})", "before the calibration day ({d})"],
  "meter.ev.record": ["Ghi nhận sự kiện bộ đếm", "Record a counter event"],
  "meter.ev.intro": ["Thay công tơ: chỉ số cuối của công tơ cũ và chỉ số đầu của công tơ mới. Đổi tỉ số CT: chỉ số lúc đổi và hệ số nhân mới. Giờ theo múi giờ của cơ sở; năng lượng được tính lại từ thời điểm đó.", "A replacement: the old meter's closing reading and the new one's opening reading. A CT-ratio change: the reading at the change and the new multiplier. Times are in the site's zone; the energy is derived again from that time on."],
  "meter.ev.kind": ["Loại sự kiện", "Kind of event"],
  "meter.ev.ts": ["Thời điểm (giờ của cơ sở)", "When (the site's time)"],
  "meter.ev.closing": ["Chỉ số cuối của công tơ cũ", "Old meter's closing reading"],
  "meter.ev.opening": ["Chỉ số đầu của công tơ mới", "New meter's opening reading"],
  "meter.ev.register": ["Chỉ số lúc đổi", "Reading at the change"],
  "meter.ev.multiplier": ["Hệ số nhân mới", "New multiplier"],
  "meter.ev.multiplier.optional": ["Hệ số nhân của công tơ mới (không bắt buộc: giữ hệ số hiện hành)", "New meter's multiplier (optional: the one in force is kept)"],
  "meter.ev.unit": ["Đơn vị của chỉ số (không bắt buộc: đơn vị kênh gửi)", "Unit of the readings (optional: the channel's published unit)"],
  "meter.ev.done": ["Đã ghi nhận {k} lúc {at}; năng lượng đã được tính lại.", "{k} at {at} recorded; the energy was derived again."],
  "meter.ev.delete": ["Xóa (ghi nhầm)", "Remove (recorded by mistake)"],
  "meter.ev.confirmdelete": ["Xóa {k} lúc {at} của kênh {c}? Năng lượng sẽ được tính lại không có sự kiện này.", "Remove the {k} at {at} of channel {c}? The energy is derived again without it."],
  "meter.ev.deleted": ["Đã xóa {k} lúc {at}; năng lượng đã được tính lại.", "{k} at {at} removed; the energy was derived again."],
  "meter.cal.done": ["Đã ghi nhận bản ghi hiệu chuẩn số {n}.", "Calibration record {n} recorded."],
  "trends.title": ["Xu hướng", "Trends"],
  "trends.meter": ["Công tơ", "Meter"],
  "trends.resolution": ["Độ phân giải", "Resolution"],
  "trends.from": ["Từ ngày", "From"],
  "trends.to": ["Đến ngày", "To"],
  "trends.compare": ["So sánh với", "Compare with"],
  "trends.compare.none": ["không so sánh", "no comparison"],
  "trends.compare.prev": ["kỳ trước", "previous period"],
  "trends.compare.year": ["cùng kỳ năm trước", "same period last year"],
  "trends.show": ["Hiển thị", "Show"],
  "trends.csv": ["Tải CSV", "Download CSV"],
  "trends.power": ["Công suất và năng lượng theo khoảng", "Power and interval energy"],
  "trends.sec": ["SEC theo ngày so với đường cơ sở", "Daily SEC against the baseline"],
  "trends.scatter": ["Năng lượng theo sản lượng, với mô hình đường cơ sở", "Energy against production, with the baseline model"],
  "trends.production": ["Sản lượng theo ngày", "Production per day"],
  "trends.res": ["Suất tiêu hao tài nguyên trên đơn vị sản phẩm so với kỳ cơ sở:", "Resource per unit of product against the baseline:"],
  "trends.res.none": ["Chưa khai báo tài nguyên nào (nước, nhiên liệu, nguyên liệu).", "No resource (water, fuel, material) is declared."],
  "trends.res.inbaseline": ["Kỳ đang xem nằm trong kỳ cơ sở ({from} – {to}): chọn ngày sau kỳ cơ sở.", "The period shown lies in the baseline ({from} – {to}): choose days after it."],
  "trends.res.summary": ["{name}: {sec} {unit} trên đơn vị {product} từ {from} đến {to}; kỳ cơ sở {bfrom} – {bto}: {base} {unit}; tiết kiệm {fraction} (mô hình {model}).", "{name}: {sec} {unit} per unit of {product} from {from} to {to}; baseline {bfrom} – {bto}: {base} {unit}; saved {fraction} ({model} model)."],
  "trends.res.period": ["SEC của kỳ", "SEC of the period"],
  "trends.res.gaps": ["{n} kỳ thiếu dữ liệu sản lượng hoặc tiêu thụ", "{n} period(s) without complete production or quantity"],
  "trends.periodA": ["Kỳ A", "Period A"],
  "trends.periodB": ["Kỳ B", "Period B"],
  "series.power": ["Công suất TB (kW)", "Mean power (kW)"],
  "series.energy": ["Năng lượng (kWh)", "Energy (kWh)"],
  "series.sec": ["SEC", "SEC"],
  "series.production": ["Sản lượng", "Production"],
  "series.days": ["Ngày", "Days"],
  "series.model": ["Mô hình cơ sở", "Baseline model"],
  "summary.power": ["Công suất: thấp nhất {min} kW, cao nhất {max} kW, trung bình {avg} kW; năng lượng {energy} kWh.", "Power: lowest {min} kW, highest {max} kW, mean {avg} kW; energy {energy} kWh."],
  "summary.sec": ["SEC của kỳ (tổng năng lượng / tổng sản lượng) {avg} {unit}; đường cơ sở {base} {unit}.", "SEC of the period (total energy / total production) {avg} {unit}; baseline {base} {unit}."],
  "summary.empty": ["Không có dữ liệu trong kỳ này.", "No data in this period."],
  "summary.totalonly": ["Không có số đo {what} trong kỳ này; tổng {total} {qunit}.", "No {what} readings in this period; total {total} {qunit}."],
  "summary.ratefrom": ["{what} chỉ có số đo từ {date}", "{what} has readings from {date} only"],
  "kind.counter": ["bộ đếm", "counter"],
  "kind.gauge": ["tức thời", "gauge"],
  "event.wrap": ["tràn bộ đếm", "wrap"],
  "event.reset": ["đặt lại", "reset"],
  "event.replacement": ["thay công tơ", "replacement"],
  "event.ct_ratio": ["đổi tỉ số CT", "CT ratio change"],
  "event.multiplier_change": ["đổi hệ số nhân (tỉ số CT)", "multiplier change (CT ratio)"],
  "unit.min": ["phút", "min"],
  "unit.s": ["giây", "s"],
  "unit.pcs": ["sp", "pcs"],
  "unit.HLT": ["hl", "hl"],
  "summary.scatter": ["{base} ngày kỳ cơ sở và {cur} ngày của kỳ đang xem.", "{base} baseline days and {cur} days of the period shown."],
  "summary.production": ["Sản lượng: {total} {unit}.", "Production: {total} {unit}."],
  "enpiname.Plant energy per unit (electricity + gas)": ["Năng lượng nhà máy trên mỗi sản phẩm (điện + khí đốt)", "Plant energy per unit (electricity + gas)"],
  "enpiname.Plant electricity per unit": ["Điện năng nhà máy trên mỗi sản phẩm", "Plant electricity per unit"],
  "live.page.title": ["EnergyTrace — giá trị mới nhất của các công tơ", "EnergyTrace — latest meter values"],
  "col.enterprise": ["Doanh nghiệp", "Enterprise"],
  "live.empty": ["Chưa có số đo nào.", "No readings yet."],
  "live.updates": ["Số liệu cập nhật trực tiếp, không cần tải lại trang.", "Readings update live, without reloading the page."],
  "live.developers": ["Dành cho lập trình viên", "For developers"],
  "showcase.title": ["Điểm trình diễn sản xuất sạch hơn", "Cleaner production pilot site"],
  "showcase.power": ["Công suất hiện tại", "Power now"],
  "showcase.power.stale": ["gồm giá trị cũ của {meters}", "includes old values of {meters}"],
  "showcase.power.fresh": ["{n} đồng hồ, cập nhật trực tiếp", "{n} meters, updated live"],
  "age.s": ["{n} giây trước", "{n} s ago"],
  "age.min": ["{n} phút trước", "{n} min ago"],
  "age.h": ["{n} giờ trước", "{n} h ago"],
  "showcase.energy": ["Năng lượng hôm nay (quy đổi kWh)", "Energy today (kWh final)"],
  "showcase.saved": ["Năng lượng tiết kiệm từ khi áp dụng biện pháp", "Energy saved since the measure"],
  "showcase.money": ["Chi phí tiết kiệm", "Money saved"],
  "showcase.co2": ["CO₂ tránh phát thải", "CO₂ avoided"],
  "showcase.sec": ["Xu hướng SEC 30 ngày", "SEC trend, 30 days"],
  "showcase.since": ["kể từ {date}", "since {date}"],
  "showcase.span": ["{from} – {to}", "{from} – {to}"],
  "showcase.fraction.band": ["khoảng tin cậy {c} %: {low} – {high}", "{c} % confidence: {low} – {high}"],
  "showcase.pause": ["Tạm dừng", "Pause"],
  "showcase.play": ["Tiếp tục", "Play"],
  "showcase.pick": ["Các nhà máy đã công bố", "Published sites"],
  "showcase.nosites": ["Chưa có nhà máy nào được công bố.", "No site is published yet."],
  "showcase.done": ["Doanh nghiệp đã làm gì", "What the enterprise did"],
  "showcase.result": ["Kết quả", "The result"],
  "showcase.saved.short": ["Năng lượng tiết kiệm", "Energy saved"],
  "showcase.band": ["khoảng tin cậy {c} %: {low} – {high} {unit}", "{c} % band: {low} – {high} {unit}"],
  "showcase.payback": ["Thời gian hoàn vốn", "Payback"],
  "showcase.years": ["{n} năm", "{n} years"],
  "showcase.investment": ["đầu tư {amount}", "investment {amount}"],
  "showcase.peryear": ["tiết kiệm {amount}/năm", "saves {amount} a year"],
  "showcase.peryear.from": ["ước tính từ {d} ngày", "estimated from {d} days"],
  "showcase.payback.no_investment": ["chưa nêu vốn đầu tư", "no investment stated"],
  "showcase.payback.no_money_saved": ["chưa có chi phí tiết kiệm", "no money saved yet"],
  "showcase.payback.investment_currency": ["vốn đầu tư theo đơn vị tiền khác", "investment in another currency"],
  "showcase.nomeasures": ["Chưa mô tả biện pháp nào.", "No measure described yet."],
  "showcase.qr": ["Quét để xem kết quả", "Scan for the results"],
  "showcase.qr.alt": ["Mã QR tới trang kết quả của {site}", "QR code to the results page of {site}"],
  "showcase.prev": ["Trang trước", "Previous panel"],
  "showcase.next": ["Trang sau", "Next panel"],
  "showcase.sec.week": ["SEC theo tuần: thực tế và mô hình cơ sở", "SEC by week: actual and baseline model"],
  "showcase.sec.month": ["SEC theo tháng: thực tế và mô hình cơ sở", "SEC by month: actual and baseline model"],
  "showcase.sec.actual": ["SEC thực tế", "Actual SEC"],
  "showcase.measure": ["Áp dụng biện pháp", "Measure implemented"],
  "showcase.secsummary.why": ["Sau biện pháp so với mô hình cơ sở ở cùng sản lượng: {saving}; so với trước biện pháp: {change}, gồm cả thay đổi về sản lượng và cơ cấu sản phẩm.", "After the measure against the baseline model at the same output: {saving}; against before the measure: {change}, which also holds changes in output and product mix."],
  "showcase.secsummary.nonroutine": ["Mức tiết kiệm đã nêu còn gồm các điều chỉnh ngoài thường lệ đã được phê duyệt.", "The saving stated also counts the approved non-routine adjustments."],
  "showcase.secsummary": ["Trước biện pháp SEC trung bình {before} {unit}; sau biện pháp {after} {unit}, mô hình cơ sở ở cùng sản lượng {base} {unit}.", "Before the measure mean SEC {before} {unit}; after it {after} {unit}, baseline model at the same output {base} {unit}."],
  "showcase.res.title": ["Nước, nhiên liệu và nguyên liệu trên mỗi đơn vị {product}", "Water, fuels and materials per unit of {product}"],
  "showcase.res.before": ["Trước {base} {unit}", "Before {base} {unit}"],
  "showcase.res.saved": ["tiết kiệm {saved} {own} ({fraction}) kể từ {date}", "{saved} {own} saved ({fraction}) since {date}"],
  "showcase.res.band": ["khoảng tin cậy {c} %: {low} – {high} {own}", "{c} % band: {low} – {high} {own}"],
  "showcase.res.verifiable": ["xác minh được, đường cơ sở của kiểm toán viên", "verifiable, baseline approved by an auditor"],
  "showcase.res.unapproved": ["chỉ mang tính tham khảo: chưa có đường cơ sở của tài nguyên này được kiểm toán viên phê duyệt", "indicative: no baseline of this resource is approved by an auditor"],
  "showcase.res.none": ["Chưa có tài nguyên nào của nhà máy có đường cơ sở được phê duyệt.", "No resource of the site has an approved baseline yet."],
  "verify.verified": ["Đã xác minh", "Verified"],
  "verify.indicative": ["Mang tính tham khảo – chưa xác minh", "Indicative – not verified"],
  "verify.approved.auditor": ["đường cơ sở được kiểm toán viên phê duyệt {date}", "baseline approved by an auditor on {date}"],
  "verify.approved.enterprise": ["đường cơ sở do doanh nghiệp phê duyệt {date}, chưa qua kiểm toán viên", "baseline approved by the enterprise on {date}, not by an auditor"],
  "verify.notapproved": ["đường cơ sở chưa được phê duyệt", "baseline not approved"],
  "verify.period": ["kỳ báo cáo được xác minh {date}", "period verified on {date}"],
  "verify.period.not": ["kỳ báo cáo chưa được xác minh", "period not verified"],
  "verify.period.before": ["đã được xác minh {date}, trước khi dữ liệu thay đổi", "verified on {date}, before the data changed"],
  "verify.period.status": ["Trạng thái kỳ báo cáo: {status}", "Period status: {status}"],
  "verify.verified.reservations": ["Đã xác minh (có bảo lưu)", "Verified with reservations"],
  "verify.notverifiable": ["chỉ mang tính tham khảo, chưa thể xác minh", "indicative, not verifiable"],
  "verify.failed": ["không đạt: {flags}", "failed checks: {flags}"],
  "check.data_sufficient": ["dữ liệu cơ sở chưa đủ (cần một năm, thiếu không quá 10 %)", "not enough baseline data (a year, at most 10 % missing)"],
  "check.cv_rmse_below_0_25": ["CV(RMSE) không dưới 25 %", "CV(RMSE) not below 25 %"],
  "check.r2_at_least_0_5": ["R² dưới 0,5", "R² below 0.5"],
  "check.f_test_p_below_0_10": ["mô hình không có ý nghĩa thống kê (kiểm định F)", "model not significant (F-test)"],
  "check.every_variable_p_below_0_20": ["có biến không có ý nghĩa thống kê", "a variable is not significant"],
  "check.some_variable_p_below_0_10": ["không biến nào có ý nghĩa thống kê", "no significant variable"],
  "check.ratio_intercept_not_significant": ["mô hình tỷ lệ bỏ qua phụ tải nền", "ratio model ignores a base load"],
  "check.weather_slopes_not_negative": ["hệ số thời tiết âm", "negative weather slope"],
  "check.reporting_within_baseline_range": ["kỳ báo cáo ngoài phạm vi kỳ cơ sở", "reporting outside the baseline range"],
  "check.fsu_68_at_most_0_5": ["độ bất định tiết kiệm quá lớn", "savings uncertainty too large"],
  "verify.status": ["Trạng thái đường cơ sở: {status}", "Baseline status: {status}"],
  "verify.noapproved": ["chưa có đường cơ sở được phê duyệt: chưa công bố tiết kiệm", "no approved baseline: no saving is published"],
  "baseline.status.draft": ["bản nháp", "draft"],
  "baseline.status.submitted": ["đã gửi duyệt", "submitted"],
  "baseline.status.returned": ["bị trả lại", "returned"],
  "baseline.status.approved": ["đã phê duyệt", "approved"],
  "baseline.status.superseded": ["đã được thay thế", "superseded"],
  "baseline.status.verified": ["đã xác minh", "verified"],
  "baseline.status.to_be_reverified": ["cần xác minh lại", "to be re-verified"],
  "ver.so.because.production_revised": ["một số liệu sản lượng của kỳ đã được sửa sau khi lập hồ sơ đã ký (các lần sửa được liệt kê bên dưới khi xác nhận này còn hiệu lực)", "a production figure of the period was revised after the signed dossier was made (listed below while this sign-off is the current one)"],
  "ver.so.revised": ["sản lượng {p} ngày {d}: {a} → {b}, sửa bởi {who} lúc {at}", "production {p} of {d}: {a} → {b}, revised by {who} at {at}"],
  "ver.so.event.recorded": ["sự kiện công tơ ({k}) của {s} lúc {ts}, ghi nhận lúc {at}, sau hồ sơ", "a counter event ({k}) of {s} at {ts}, recorded {at}, after the dossier"],
  "ver.so.event.kind.replacement": ["thay công tơ", "meter replacement"],
  "ver.so.event.kind.multiplier_change": ["đổi hệ số nhân", "multiplier change"],
  "ver.so.event.kind.unknown": ["thay công tơ hoặc đổi hệ số nhân, không ghi loại", "meter replacement or multiplier change, kind not recorded"],
  "ver.so.adjustment": ["điều chỉnh ngoài thường lệ {id} ({from} – {to}) được {who} phê duyệt lúc {at}, sau hồ sơ", "non-routine adjustment {id} ({from} – {to}) approved by {who} at {at}, after the dossier"],
  "ver.so.because.adjustment_approved": ["một điều chỉnh ngoài thường lệ của kỳ được phê duyệt sau khi lập hồ sơ đã ký: đường cơ sở điều chỉnh, và do đó mức tiết kiệm, đã thay đổi", "a non-routine adjustment of the period was approved after the signed dossier was made: the adjusted baseline, and so the saving, changed"],
  "ver.so.event.deleted": ["sự kiện công tơ ({k}) của {s} lúc {ts} đã bị xoá lúc {at}, sau hồ sơ", "the counter event ({k}) of {s} at {ts} deleted {at}, after the dossier"],
  "ver.so.because.counter_event": ["một lần thay công tơ hoặc đổi hệ số nhân trong kỳ được ghi nhận hoặc xoá sau khi lập hồ sơ đã ký: năng lượng tính từ số đọc đã thay đổi", "a meter replacement or multiplier change of the period was recorded or deleted after the signed dossier was made: the energy derived from the readings changed"],
  "ver.so.late": ["{k} {s} của ngày {d}, nhận sau hồ sơ", "{k} {s} for {d}, received after the dossier"],
  "ver.so.reading": ["({ts}: {v}, nhận lúc {at})", "({ts}: {v}, received at {at})"],
  "ver.late.reading": ["số đọc đồng hồ", "meter reading"],
  "ver.late.count": ["số đếm sản lượng", "production count"],
  "ver.late.quantity": ["sản lượng nhập", "entered production quantity"],
  "ver.so.because.late_data": ["dữ liệu đến muộn cho những ngày đã niêm phong của kỳ, sau khi lập hồ sơ đã ký (được liệt kê bên dưới khi xác nhận này còn hiệu lực)", "data arrived late for sealed days of the period, after the signed dossier was made (listed below while this sign-off is the current one)"],
  "savings.split": ["thường lệ {routine} + điều chỉnh ngoài thường lệ {nonroutine} {unit}", "routine {routine} + non-routine {nonroutine} {unit}"],
  "login.title": ["Đăng nhập", "Sign in"],
  "login.username": ["Tên đăng nhập", "Username"],
  "login.password": ["Mật khẩu", "Password"],
  "login.submit": ["Đăng nhập", "Sign in"],
  "login.failed": ["Tên đăng nhập hoặc mật khẩu không đúng.", "Invalid username or password."],
  "login.throttled": ["Quá nhiều lần thử. Vui lòng thử lại sau.", "Too many attempts. Please try again later."],
  "enterprise.pick": ["Doanh nghiệp", "Enterprise"],
  "updated": ["Cập nhật {time}", "Updated {time}"],
  "err.notfound.meter": ["Không tìm thấy công tơ “{meter}” của doanh nghiệp “{enterprise}”.", "Meter “{meter}” of enterprise “{enterprise}” was not found."],
  "err.notfound": ["Không tìm thấy: trang yêu cầu một doanh nghiệp, công tơ hoặc kỳ không tồn tại.", "Not found: the page asked for an enterprise, meter or period that does not exist."],
  "err.forbidden": ["Bạn không có quyền xem dữ liệu này.", "You may not see this data."],
  "err.page.role": ["Trang này không dành cho vai trò của bạn ({role}); các trang của bạn ở thanh điều hướng phía trên.", "This page is not for your role ({role}); your pages are in the navigation above."],
  "err.signin": ["Vui lòng đăng nhập để xem trang này.", "Please sign in to see this page."],
  "err.bad": ["Yêu cầu không hợp lệ: {message}", "Invalid request: {message}"],
  "err.refused": ["Không thực hiện được: {message}", "Not done: {message}"],
  "err.unavailable": ["Máy chủ tạm thời không phản hồi. Vui lòng thử lại.", "The server is temporarily unavailable. Please try again."],
  "err.compute": ["Chưa tính được từ dữ liệu đã lưu cho kỳ này.", "Cannot be computed from the data stored for this period."],
  "err.network": ["Không kết nối được máy chủ.", "Cannot reach the server."],
  "err.period": ["Kỳ không hợp lệ: ngày bắt đầu phải trước ngày kết thúc.", "Invalid period: the start must be before the end."],
  "err.noenterprise": ["Chọn một doanh nghiệp.", "Choose an enterprise."],
  "err.noenterprise.programme": ["Trang tổng quan là của một doanh nghiệp: mở một cơ sở từ trang Chương trình SXSH, rồi “Tổng quan năng lượng của cơ sở”.", "The overview is one enterprise's: open a facility on the Programme page, then “The facility's energy overview”."],
  "cp.title": ["Sản xuất sạch hơn trong tỉnh", "Cleaner production in the province"],
  "cp.intro": ["Tin tức, hoạt động, kế hoạch hằng năm và các giải pháp đã được xác minh của chương trình sản xuất sạch hơn.", "News, activities, yearly plans and verified measures of the cleaner-production programme."],
  "cp.activities": ["Tin tức và hoạt động", "News and activities"],
  "cp.plans": ["Kế hoạch SXSH hằng năm", "Yearly CP plans"],
  "cp.catalogue": ["Danh mục giải pháp đã xác minh", "Catalogue of verified measures"],
  "cp.aggregates": ["Theo ngành và loại giải pháp", "By sector and option type"],
  "cp.none": ["Chưa có nội dung được công bố.", "Nothing published yet."],
  "cp.catalogue.pending": ["Chưa có giải pháp nào được xác minh: {n} giải pháp đã thực hiện đang chờ kiểm toán viên xác minh (hoặc xác minh lại sau khi số liệu thay đổi).", "No measure verified yet: {n} implemented measures wait for an auditor to verify them (or verify them again after their data changed)."],
  "cpa.title": ["Đánh giá sản xuất sạch hơn", "Cleaner-production assessments"],
  "cpa.list": ["Các đánh giá", "Assessments"],
  "cpa.none": ["Chưa có đánh giá nào.", "No assessment yet."],
  "cpa.col.enterprise": ["Doanh nghiệp", "Enterprise"],
  "cpa.col.assessment": ["Đánh giá", "Assessment"],
  "cpa.col.status": ["Trạng thái", "Status"],
  "cpa.col.options": ["Giải pháp đã thực hiện", "Options implemented"],
  "cpa.col.saving": ["Tiết kiệm/năm", "Saving per year"],
  "cpa.col.investment.open": ["Đầu tư (các giải pháp không bị loại, cả giải pháp chưa thực hiện)", "Investment (options not rejected, implemented or not)"],
  "cpa.col.saving.open": ["Tiết kiệm/năm (các giải pháp không bị loại)", "Saving per year (options not rejected)"],
  "cpa.col.code": ["Mã", "Code"],
  "cpa.col.decision": ["Quyết định", "Decision"],
  "cpa.steps": ["Các bước của phương pháp", "Steps of the method"],
  "cpa.options": ["Các giải pháp", "Options"],
  "cpa.report": ["Tải báo cáo", "Download the report"],
  "cpa.pending": ["chờ xác minh", "pending verification"],
  "cpa.indicative": ["tham khảo, chưa xác minh", "indicative, not verified"],
  "cpa.reverify": ["cần xác minh lại: dữ liệu đã thay đổi sau khi ký", "to be re-verified: the data changed after the sign-off"],
  "cpa.lang.vi": ["tiếng Việt", "Vietnamese"],
  "cpa.lang.en": ["tiếng Anh", "English"],
  "cpa.status.in_progress": ["đang thực hiện", "in progress"],
  "cpa.status.completed": ["hoàn thành", "completed"],
  "cpa.kind.rapid": ["đánh giá nhanh", "rapid assessment"],
  "cpa.kind.detailed": ["đánh giá chi tiết", "detailed assessment"],
  "cpa.task.not_started": ["chưa bắt đầu", "not started"],
  "cpa.task.in_progress": ["đang thực hiện", "in progress"],
  "cpa.task.done": ["hoàn thành", "done"],
  "cpa.decision.implement": ["thực hiện", "implement"],
  "cpa.decision.later": ["nghiên cứu thêm", "later"],
  "cpa.decision.rejected": ["loại bỏ", "rejected"],
  "cpe.title": ["Biên tập mục sản xuất sạch hơn", "Editing the CP section"],
  "cpe.intro": ["Chỉ nội dung đã công bố mới hiện trên trang công khai; mọi thay đổi được ghi nhật ký.", "Only published content shows on the public page; every change is logged."],
  "cpe.items": ["Tin tức, hoạt động và kế hoạch", "News, activities and plans"],
  "cpe.col.kind": ["Loại", "Kind"],
  "cpe.col.title": ["Tiêu đề", "Title"],
  "cpe.col.date": ["Ngày", "Date"],
  "cpe.col.attendees": ["Người tham dự đã ghi tên", "Attendees recorded by name"],
  "cpe.declared": ["{n} người theo số khai báo", "{n} declared"],
  "cpe.col.published": ["Công bố", "Published"],
  "cpe.new.item": ["Thêm hoặc sửa một mục", "Add or change an item"],
  "cpe.new.note": ["Thêm hoặc sửa một hướng dẫn", "Add or change a guidance note"],
  "cpe.title.vi": ["Tiêu đề (tiếng Việt)", "Title (Vietnamese)"],
  "cpe.title.en": ["Tiêu đề (tiếng Anh)", "Title (English)"],
  "cpe.body.vi": ["Nội dung (tiếng Việt)", "Text (Vietnamese)"],
  "cpe.plan.year": ["Năm kế hoạch", "Plan year"],
  "cpe.attendance": ["Ghi nhận người tham dự", "Record an attendee"],
  "cpe.activity": ["Hoạt động", "Activity"],
  "cpe.person": ["Họ tên", "Name"],
  "cpe.role": ["Vai trò", "Role"],
  "cpe.role.cp_officer": ["cán bộ SXSH", "CP officer"],
  "cpe.role.manager": ["quản lý", "manager"],
  "cpe.role.staff": ["nhân viên", "staff"],
  "cpe.officer": ["Mã cán bộ SXSH", "CP officer code"],
  "cpe.cites": ["Giải pháp được dẫn", "Measures cited"],
  "cpe.cites.ids": ["Số hiệu (id) của giải pháp trong danh mục, là số, cách nhau bởi dấu phẩy", "Catalogue entry ids (numbers, comma separated)"],
  "cpe.save": ["Lưu", "Save"],
  "cpe.record": ["Ghi nhận", "Record"],
  "cpe.publish": ["Công bố", "Publish"],
  "cpe.unpublish": ["Thu hồi", "Withdraw"],
  "cpe.published": ["đã công bố", "published"],
  "cpe.draft": ["bản nháp", "draft"],
  "cpe.saved": ["Đã lưu.", "Saved."],
  "cpe.recorded": ["Đã ghi nhận.", "Recorded."],
  "cpe.site.unpublished": ["cơ sở chưa công khai trang trưng bày", "site not on the showcase"],
  "cp.achievements": ["Kết quả của chương trình", "Achievements of the programme"],
  "cp.pilots": ["Điểm trình diễn", "Pilot sites"],
  "cp.guidance": ["Hướng dẫn theo ngành", "Guidance by sector"],
  "cp.cites": ["{n} giải pháp trong danh mục", "{n} catalogue measures"],
  "cp.cites.one": ["1 giải pháp trong danh mục", "1 catalogue measure"],
  "cp.download": ["Tải về (PDF)", "Download (PDF)"],
  "cp.col.period": ["Kỳ báo cáo", "Period"],
  "cp.col.facilities": ["Số cơ sở", "Facilities"],
  "cp.col.aware": ["Nhận thức về SXSH", "Aware of CP"],
  "cp.col.applying": ["Đang áp dụng SXSH", "Applying CP"],
  "cp.col.trained": ["Cán bộ SXSH đã đào tạo", "CP officers trained"],
  "cp.col.toe": ["Năng lượng tiết kiệm đã xác minh (TOE)", "Verified energy saved (TOE)"],
  "cp.attendance": ["{n} người tham dự", "{n} attendees"],
  "cp.years": ["{n} năm", "{n} years"],
  "cp.kind.news": ["Tin tức", "News"],
  "cp.kind.workshop": ["Hội thảo", "Workshop"],
  "cp.kind.training": ["Khóa đào tạo", "Training course"],
  "cp.kind.study_tour": ["Tham quan học tập", "Study tour"],
  "cp.kind.plan": ["Kế hoạch", "Plan"],
  "cp.col.sector": ["Ngành (VSIC)", "Sector (VSIC)"],
  "cp.col.type": ["Loại giải pháp", "Option type"],
  "cp.col.measure": ["Giải pháp", "Measure"],
  "cp.col.investment": ["Đầu tư", "Investment"],
  "cp.col.saving": ["Tiết kiệm đã xác minh của EnPI (mọi giải pháp cùng kỳ)", "Verified saving of its EnPI (every measure of the period)"],
  "cp.col.payback": ["Hoàn vốn dự kiến", "Expected payback"],
  "cp.saving.others": ["gồm cả {n} giải pháp khác thực hiện trong kỳ: {types}", "includes {n} other measure(s) implemented in the period: {types}"],
  "cp.aggregates.leftout": ["{n} giải pháp không được tính vào trung vị: tiết kiệm đã xác minh của chúng gồm cả các giải pháp khác thực hiện cùng kỳ.", "{n} catalogue entries are left out of the medians: their verified saving includes other measures implemented in the same period."],
  "cp.saving.band": ["khoảng tin cậy {level}: {low} – {high}", "{level} confidence: {low} – {high}"],
  "cp.col.entries": ["Số giải pháp", "Entries"],
  "cp.col.median.saving": ["Trung vị tiết kiệm", "Median saving"],
  "cp.col.median.payback": ["Trung vị hoàn vốn dự kiến", "Median expected payback"],
  "cp.type.good_housekeeping": ["Quản lý nội vi", "Good housekeeping"],
  "cp.type.input_substitution": ["Thay đổi nguyên liệu đầu vào", "Input material change"],
  "cp.type.better_process_control": ["Kiểm soát quá trình tốt hơn", "Better process control"],
  "cp.type.equipment_modification": ["Cải tiến thiết bị", "Equipment modification"],
  "cp.type.technology_change": ["Thay đổi công nghệ", "Technology change"],
  "cp.type.onsite_recovery": ["Tuần hoàn, tái sử dụng tại chỗ", "On-site recovery and reuse"],
  "cp.type.useful_byproducts": ["Sản xuất sản phẩm phụ hữu ích", "Production of useful by-products"],
  "cp.type.product_modification": ["Cải tiến sản phẩm", "Product modification"],
  "err.notpublished": ["Nhà máy này không có trên trang trưng bày.", "This site is not on the showcase."],
  "nav.verification": ["Xác minh tiết kiệm", "Verification"],
  "ver.title": ["Xác minh tiết kiệm", "Verified savings"],
  "ver.enterprise": ["Doanh nghiệp", "Enterprise"],
  "ver.enpi": ["Chỉ số EnPI", "EnPI"],
  "ver.intro": ["Đường cơ sở, điều chỉnh ngoài thường lệ và ý kiến của kiểm toán viên về từng kỳ: mỗi bước ghi rõ ai thực hiện, khi nào và nhận xét. Doanh nghiệp gửi duyệt và đề xuất; chỉ kiểm toán viên được phân công mới phê duyệt, trả lại và ký xác nhận.", "Baselines, non-routine adjustments and the auditors' opinions on each period: every step names who took it, when, and the comments. The enterprise submits and proposes; only an assigned auditor approves, returns and signs off."],
  "ver.baselines": ["Các phiên bản đường cơ sở", "Baseline versions"],
  "ver.col.version": ["Phiên bản", "Version"],
  "ver.col.enpiversion": ["Phiên bản EnPI", "EnPI version"],
  "ver.col.period": ["Kỳ", "Period"],
  "ver.col.model": ["Mô hình", "Model"],
  "ver.col.status": ["Trạng thái", "Status"],
  "ver.col.validity": ["Tính hợp lệ", "Validity"],
  "ver.col.steps": ["Ai, khi nào", "Who and when"],
  "ver.col.actions": ["Thao tác", "Actions"],
  "ver.col.product": ["Sản phẩm", "Product"],
  "ver.col.kind": ["Loại", "Kind"],
  "ver.col.method": ["Phương pháp", "Method"],
  "ver.col.amount": ["Giá trị (đơn vị của EnPI)", "Amount (the EnPI's unit)"],
  "ver.col.justification": ["Lý do", "Justification"],
  "ver.col.attachment": ["Tệp đính kèm", "Attachment"],
  "ver.col.opinion": ["Ý kiến", "Opinion"],
  "ver.col.auditor": ["Kiểm toán viên", "Auditor"],
  "ver.col.date": ["Ngày ký", "Signed on"],
  "ver.col.comments": ["Nhận xét", "Comments"],
  "ver.col.sha": ["Mã băm SHA-256 của hồ sơ", "Dossier SHA-256"],
  "ver.adjustments": ["Điều chỉnh ngoài thường lệ", "Non-routine adjustments"],
  "ver.adj.propose": ["Đề xuất điều chỉnh", "Propose an adjustment"],
  "ver.adj.value": ["Giá trị", "Value"],
  "ver.adj.variable": ["Biến (cột dữ liệu)", "Variable (data column)"],
  "ver.adj.stderror": ["Sai số chuẩn (1σ)", "Standard error (1σ)"],
  "ver.adj.send": ["Gửi đề xuất", "Send the proposal"],
  "ver.adj.fitted": ["ước lượng từ phần dư", "fitted from the residuals"],
  "ver.adj.status.proposed": ["đang đề xuất", "proposed"],
  "ver.adj.status.approved": ["đã phê duyệt", "approved"],
  "ver.adj.status.rejected": ["bị từ chối", "rejected"],
  "ver.kind.new_line": ["dây chuyền mới", "new line"],
  "ver.kind.product_mix": ["cơ cấu sản phẩm", "product mix"],
  "ver.kind.capacity": ["công suất", "capacity"],
  "ver.kind.operating_hours": ["giờ vận hành", "operating hours"],
  "ver.kind.other": ["khác", "other"],
  "ver.method.fixed_per_day": ["cố định mỗi ngày", "fixed per day"],
  "ver.method.fixed_per_period": ["cố định cả kỳ", "fixed over the period"],
  "ver.method.percentage": ["phần trăm đường cơ sở", "percentage of the baseline"],
  "ver.method.refitted_term": ["số hạng ước lượng lại", "re-fitted term"],
  "ver.signoffs": ["Ý kiến xác nhận theo kỳ", "Period sign-offs"],
  "ver.opinion.verified": ["xác nhận", "verified"],
  "ver.opinion.verified_with_reservations": ["xác nhận có bảo lưu", "verified with reservations"],
  "ver.opinion.not_verified": ["không xác nhận", "not verified"],
  "ver.so.current": ["hiện hành", "current"],
  "ver.so.superseded": ["bị thay thế lúc {at}", "superseded at {at}"],
  "ver.period": ["Kỳ báo cáo và hồ sơ xác minh", "Reporting period and verification dossier"],
  "ver.from": ["Từ ngày", "From"],
  "ver.to": ["Đến ngày", "To"],
  "ver.dossier": ["Hồ sơ xác minh của kỳ (ZIP có chữ ký)", "The period's verification dossier (signed ZIP)"],
  "ver.dossier.notforrole": ["Hồ sơ xác minh (dữ liệu của doanh nghiệp) dành cho doanh nghiệp và kiểm toán viên được phân công; cán bộ chương trình xem kết quả đã xác minh trên trang Chương trình.", "The verification dossier (the enterprise's data) is for the enterprise and its assigned auditor; the programme's officers read the verified results on the Programme page."],
  "ver.dossier.vi": ["tiếng Việt", "Vietnamese"],
  "ver.dossier.en": ["tiếng Anh", "English"],
  "ver.period.noapproved": ["Chưa có đường cơ sở được phê duyệt: chưa thể lập hồ sơ hay ký xác nhận.", "No approved baseline yet: no dossier can be made nor period signed off."],
  "ver.so.title": ["Ký xác nhận kỳ này", "Sign off this period"],
  "ver.so.intro": ["Tải hồ sơ của kỳ, kiểm tra ngoại tuyến, rồi ký xác nhận đúng mã băm của tệp đã nhận.", "Fetch the period's dossier, check it offline, then sign off the hash of the file you received."],
  "ver.so.fetch": ["Tải hồ sơ và tính mã băm", "Fetch the dossier and compute its hash"],
  "ver.so.save": ["Lưu hồ sơ đã tải", "Save the fetched dossier"],
  "ver.so.send": ["Ký xác nhận", "Sign off"],
  "ver.so.fetching": ["Đang tải hồ sơ…", "Fetching the dossier…"],
  "ver.so.fetched": ["Đã nhận hồ sơ ({n} byte); mã băm ở trên là của chính tệp này.", "Dossier received ({n} bytes); the hash above is this file's."],
  "ver.so.nosubtle": ["Trình duyệt không tính được mã băm trên kết nối này (cần HTTPS): lưu hồ sơ, tính bằng sha256sum và dán vào ô trên.", "The browser cannot compute the hash over this connection (HTTPS needed): save the dossier, compute it with sha256sum and paste it above."],
  "ver.resources": ["Đường cơ sở của tài nguyên", "Stored resource baselines"],
  "ver.res.intro": ["Nước, nguyên liệu và nhiên liệu theo đơn vị sản phẩm: cùng quy trình gửi duyệt và phê duyệt. Khi một số liệu trong kỳ cơ sở được sửa sau khi phê duyệt, phiên bản đó cần xác minh lại.", "Water, materials and fuels per unit of product: the same submit and approve steps. When a figure of the baseline period is revised after the approval, that version is to be re-verified."],
  "ver.res.none": ["Doanh nghiệp chưa khai báo tài nguyên nào.", "The enterprise declares no resource."],
  "ver.res.nomark": ["chưa xem được tình trạng xác minh lại: {e}", "re-verification state not available: {e}"],
  "ver.res.counts": ["có thể xác minh", "verifiable"],
  "ver.res.revision": ["{k} ngày {d}: {a} → {b}, sửa bởi {who} lúc {at}", "{k} of {d}: {a} → {b}, revised by {who} at {at}"],
  "ver.entry.delivery": ["phiếu nhập", "delivery"],
  "ver.entry.invoice": ["hóa đơn", "invoice"],
  "ver.entry.stock_count": ["kiểm kê", "stock count"],
  "ver.entry.usage": ["lượng dùng", "usage"],
  "ver.valid": ["đạt mọi quy tắc hợp lệ", "passes every validity rule"],
  "ver.notauditor": ["phê duyệt không phải của kiểm toán viên", "not approved by an auditor"],
  "ver.step.created": ["lập bởi {who} lúc {at}", "fitted by {who} at {at}"],
  "ver.step.submitted": ["gửi duyệt bởi {who} lúc {at}", "submitted by {who} at {at}"],
  "ver.step.returned": ["trả lại bởi {who} lúc {at}", "returned by {who} at {at}"],
  "ver.step.approved": ["phê duyệt bởi {who} lúc {at}", "approved by {who} at {at}"],
  "ver.step.superseded": ["được thay thế bởi phiên bản {n}", "superseded by version {n}"],
  "ver.step.proposed": ["đề xuất bởi {who} lúc {at}", "proposed by {who} at {at}"],
  "ver.step.decided": ["quyết định bởi {who} lúc {at}", "decided by {who} at {at}"],
  "ver.comment.submit": ["Ghi chú khi gửi (không bắt buộc)", "Comment for the auditor (optional)"],
  "ver.comment.review": ["Ý kiến khi phê duyệt, hoặc nhận xét khi trả lại", "Opinion to approve, or comments to return"],
  "ver.comment.decide": ["Nhận xét (bắt buộc khi từ chối)", "Comments (required to reject)"],
  "ver.act.submit": ["Gửi duyệt", "Submit"],
  "ver.act.approve": ["Phê duyệt", "Approve"],
  "ver.act.return": ["Trả lại", "Return"],
  "ver.act.reject": ["Từ chối", "Reject"],
  "ver.done.submitted": ["Đã gửi cho kiểm toán viên.", "Submitted to the auditor."],
  "ver.done.approved": ["Đã phê duyệt.", "Approved."],
  "ver.done.returned": ["Đã trả lại kèm nhận xét.", "Returned with comments."],
  "ver.done.rejected": ["Đã từ chối kèm nhận xét.", "Rejected with comments."],
  "ver.done.proposed": ["Đã gửi đề xuất số {n}.", "Proposal {n} sent."],
  "ver.done.signed": ["Đã ký xác nhận kỳ.", "The period is signed off."],
  "ver.notsent": ["Chưa gửi: trình duyệt đã chặn một trường không hợp lệ (được đánh dấu). Hãy sửa rồi gửi lại.", "Not sent: the browser stopped a field it finds invalid (marked). Correct it and send again."],
  "ver.required": ["Yêu cầu không hợp lệ: {f}: cần nhập", "Invalid request: {f}: required"],
  "ver.noenpi": ["Doanh nghiệp chưa có chỉ số EnPI.", "The enterprise has no EnPI yet."],
  "ver.nobaseline": ["Chưa có đường cơ sở.", "No baseline yet."],
  "ver.noadjustment": ["Chưa có điều chỉnh nào.", "No adjustment yet."],
  "ver.nosignoff": ["Chưa có kỳ nào được ký xác nhận.", "No period signed off yet."],
  "ver.fit.title": ["Xây dựng đường cơ sở mới", "Fit a new baseline"],
  "ver.fit.intro": ["Chọn kỳ cơ sở (các ngày trước giải pháp tiết kiệm năng lượng) và mô hình; phiên bản mới được lưu ở trạng thái bản nháp, kiểm tra rồi gửi duyệt trong bảng ở trên.", "Choose the baseline period (the days before the energy-saving measure) and the model; the new version is stored as a draft: check it, then submit it in the table above."],
  "ver.fit.period": ["Kỳ cơ sở", "Baseline period"],
  "ver.fit.model.auto": ["tự động (chọn mô hình phù hợp nhất)", "automatic (the best-fitting model)"],
  "ver.fit.model.ratio": ["tỷ lệ theo sản lượng (ratio)", "ratio to production"],
  "ver.fit.model.ols": ["hồi quy tuyến tính (OLS)", "linear regression (OLS)"],
  "ver.fit.model.changepoint": ["điểm gãy theo nhiệt độ (changepoint)", "temperature change-point"],
  "ver.fit.model.changepoint-3p-cooling": ["điểm gãy 3 tham số, làm mát (changepoint-3p-cooling)", "3-parameter cooling change-point (changepoint-3p-cooling)"],
  "ver.fit.model.changepoint-3p-heating": ["điểm gãy 3 tham số, sưởi (changepoint-3p-heating)", "3-parameter heating change-point (changepoint-3p-heating)"],
  "ver.fit.model.changepoint-4p": ["điểm gãy 4 tham số (changepoint-4p)", "4-parameter change-point (changepoint-4p)"],
  "ver.fit.model.changepoint-5p": ["điểm gãy 5 tham số (changepoint-5p)", "5-parameter change-point (changepoint-5p)"],
  "ver.fit.weather": ["Thời tiết", "Weather"],
  "ver.fit.weather.none": ["không dùng", "none"],
  "ver.fit.weather.cdd": ["độ-ngày làm mát (CDD)", "cooling degree days (CDD)"],
  "ver.fit.weather.hdd": ["độ-ngày sưởi ấm (HDD)", "heating degree days (HDD)"],
  "ver.fit.balance": ["Nhiệt độ cân bằng (°C, 0–40; để trống: ước lượng)", "Balance point (°C, 0–40; empty: fitted)"],
  "ver.fit.send": ["Khớp mô hình", "Fit"],
  "ver.fit.running": ["Đang khớp mô hình…", "Fitting the model…"],
  "ver.fit.done": ["Đã lập phiên bản {v} ({status}), mô hình {form}.", "Version {v} fitted ({status}), model {form}."],
  "ver.fit.figures": ["n = {n} · R² = {r2} · CV(RMSE) = {cv} % · NMBE = {nmbe} %", "n = {n} · R² = {r2} · CV(RMSE) = {cv} % · NMBE = {nmbe} %"],
  "ver.fit.invalid": ["không đạt quy tắc hợp lệ: {flags}", "fails the validity rules: {flags}"],
  "ver.fit.weatherresult": ["Thời tiết: {v}, nhiệt độ cân bằng {bp} °C ({origin})", "Weather: {v}, balance point {bp} °C ({origin})"],
  "ver.fit.origin.stated": ["đã nhập", "stated"],
  "ver.fit.origin.fitted": ["ước lượng", "fitted"],
  "ver.fit.next": ["Phiên bản mới đã có trong bảng ở trên: kiểm tra rồi gửi duyệt.", "The new version is in the table above: check it, then submit it."],
  "ver.rfit.title": ["Lưu đường cơ sở tài nguyên mới", "Store a new resource baseline"],
  "ver.rfit.intro": ["Chọn tài nguyên, sản phẩm, kỳ cơ sở và mô hình: suất tiêu hao theo đơn vị sản phẩm được khớp trên số liệu của kỳ và lưu thành phiên bản mới ở trạng thái bản nháp; kiểm tra rồi gửi duyệt trong bảng của tài nguyên ở trên.", "Choose the resource, the product, the baseline period and the model: the use per unit of product is fitted on the period's figures and stored as a new version, a draft: check it, then submit it in the resource's table above."],
  "ver.rfit.resource": ["Tài nguyên", "Resource"],
  "ver.rfit.send": ["Lưu đường cơ sở", "Store the baseline"],
  "ver.rfit.noproduct": ["Doanh nghiệp chưa khai báo sản phẩm nào.", "The enterprise declares no product."],
  "ver.rfit.done": ["Đã lưu phiên bản {v} của {r} theo sản phẩm {p} ({status}), mô hình {form}.", "Version {v} of {r} per {p} stored ({status}), model {form}."],
  "ver.rfit.figures": ["Suất tiêu hao cơ sở {sec} {unit} · {n} kỳ · R² = {r2} · CV(RMSE) = {cv} %", "Baseline use {sec} {unit} · {n} periods · R² = {r2} · CV(RMSE) = {cv} %"],
  "ver.rfit.next": ["Phiên bản mới đã có trong bảng của tài nguyên ở trên: kiểm tra rồi gửi duyệt.", "The new version is in the resource's table above: check it, then submit it."],
  "nav.tokens": ["Khóa API", "API tokens"],
  "nav.entries": ["Nhập số liệu", "Enter figures"],
  "ent.title": ["Nhập số liệu sản xuất và tài nguyên", "Enter production and resource figures"],
  "ent.intro": ["Chọn tệp CSV (UTF-8) hoặc XLSX (trang tính đầu tiên), xem trước: mỗi lỗi được nêu theo dòng và cột của tệp, chưa có gì được lưu. Khi tệp hợp lệ, bấm Lưu để lưu đúng các dòng đã xem trước. Nếu tệp thay đổi số liệu mà đường cơ sở đã phê duyệt hoặc kỳ đã xác minh dùng đến, hãy ghi lý do.", "Choose a CSV (UTF-8) or XLSX file (its first sheet) and preview it: every problem is named by the file's row and column, and nothing is stored yet. Once the file is valid, Store stores exactly the rows previewed. If the file changes figures an approved baseline or a verified period used, give the reason."],
  "ent.prod": ["Sản lượng theo ngày", "Production per day"],
  "ent.res": ["Tài nguyên nhập tay: giao nhận, hoá đơn, kiểm kê tồn kho, sử dụng", "Resources entered by hand: deliveries, invoices, stock counts, use"],
  "ent.prod.columns": ["Cột bắt buộc: {req}; tuỳ chọn: {opt} (cột ghi chú không được lưu). Ngày viết dạng {day}, số lượng ≥ 0 với dấu chấm cho phần thập phân. Dòng đầu là dòng tiêu đề.", "Required columns: {req}; optional: {opt} (the note is not stored). Days as {day}, quantities ≥ 0 with a point for the decimals. The first row is the header."],
  "ent.res.columns": ["Cột bắt buộc: {req}; tuỳ chọn: {opt} (số tiền và tiền tệ chỉ cho hoá đơn; cột ghi chú không được lưu). Loại: {types}. Ngày viết dạng {day}. Mỗi tài nguyên chỉ một lần kiểm kê tồn kho mỗi ngày.", "Required columns: {req}; optional: {opt} (amount and currency for invoices only; the note is not stored). Types: {types}. Days as {day}. A resource has one stock count a day."],
  "ent.prod.codes": ["Mã sản phẩm: {list}", "Product codes: {list}"],
  "ent.prod.none": ["Doanh nghiệp chưa khai báo sản phẩm nào.", "The enterprise has declared no product."],
  "ent.res.codes": ["Mã tài nguyên nhập tay: {list}", "Codes of resources entered by hand: {list}"],
  "ent.res.none": ["Doanh nghiệp chưa khai báo tài nguyên nhập tay nào.", "The enterprise has declared no resource entered by hand."],
  "ent.file": ["Tệp (CSV hoặc XLSX)", "File (CSV or XLSX)"],
  "ent.reason": ["Lý do thay đổi (khi sửa số liệu đã dùng cho đường cơ sở hoặc kỳ đã xác minh)", "Reason for the change (when correcting figures a baseline or a verified period used)"],
  "ent.preview": ["Xem trước", "Preview"],
  "ent.commit": ["Lưu", "Store"],
  "ent.nofile": ["Hãy chọn một tệp trước.", "Choose a file first."],
  "ent.chosen": ["Đã chọn {name}: bấm Xem trước.", "{name} chosen: press Preview."],
  "ent.previewing": ["Đang kiểm tra tệp…", "Checking the file…"],
  "ent.valid": ["Tệp hợp lệ: {n} dòng, chưa lưu. Bấm Lưu để lưu đúng các dòng này.", "The file is valid: {n} rows, not stored yet. Press Store to store exactly these rows."],
  "ent.invalid": ["Tệp có {n} lỗi, chưa lưu gì: sửa tệp rồi xem trước lại.", "The file has {n} problems and nothing was stored: correct it and preview it again."],
  "ent.reasonneeded": ["Cần ghi lý do trước khi lưu: {why}", "A reason is needed before storing: {why}"],
  "ent.stored": ["Đã lưu {n} dòng.", "{n} rows stored."],
  "ent.already": ["Tệp này đã được lưu trước đây: không có gì thay đổi.", "This file was stored before: nothing changed."],
  "ent.again": ["Tệp này đã được lưu trước đây; {n} dòng đã bị sửa hoặc xoá từ đó được lưu lại theo tệp.", "This file was stored before; {n} rows changed or deleted since were stored again as the file has them."],
  "ent.replaced": ["{what} ngày {day}: {old} được thay bằng {now}", "{what} on {day}: {old} replaced by {now}"],
  "ent.fromcounters": ["(số của bộ đếm)", "(the counters' figure)"],
  "ent.ledger": ["Sổ tồn kho cần xem lại: {problem}", "The stock ledger needs a look: {problem}"],
  "ent.ledger.preview": ["Khi lưu, sổ tồn kho sẽ cần xem lại: {problem}", "Once stored, the stock ledger will need a look: {problem}"],
  "ent.changed": ["Tệp đã thay đổi sau khi xem trước: hãy xem trước lại.", "The file changed after its preview: preview it again."],
  "ent.managers": ["Chỉ quản trị viên của doanh nghiệp (hoặc quản trị hệ thống) nhập số liệu.", "Only the enterprise's administrators (or a system administrator) enter figures."],
  "ent.err.row": ["Dòng {row}", "Row {row}"],
  "ent.err.column": ["cột {column}", "column {column}"],
  "ent.col.row": ["Dòng", "Row"],
  "ent.col.product": ["Sản phẩm", "Product"],
  "ent.col.resource": ["Tài nguyên", "Resource"],
  "ent.col.type": ["Loại", "Type"],
  "ent.col.day": ["Ngày", "Day"],
  "ent.col.quantity": ["Số lượng", "Quantity"],
  "ent.col.ref": ["Số chứng từ (ref)", "Reference (ref)"],
  "ent.col.amount": ["Số tiền (hoá đơn)", "Amount (invoice)"],
  "ent.col.unit": ["Đơn vị", "Unit"],
  "ent.col.amount": ["Số tiền (hoá đơn)", "Amount (invoice)"],
  "ent.col.currency": ["Tiền tệ", "Currency"],
  "ent.one": ["Nhập một số liệu", "Enter one figure"],
  "ent.one.intro": ["Một lần giao nhận, kiểm kê tồn kho, số sử dụng hoặc hoá đơn của một tài nguyên nhập tay, không cần tệp. Số liệu đã lưu cùng loại, ngày và số chứng từ được thay bằng số mới (có lý do nếu đường cơ sở đã phê duyệt dùng đến nó).", "One delivery, stock count, use or invoice of a resource entered by hand, without a file. A figure stored with the same type, day and ref is replaced (with a reason when an approved baseline used it)."],
  "ent.one.submit": ["Lưu số liệu", "Store the figure"],
  "ent.one.done": ["Đã lưu {what} ngày {day}: {q}.", "Stored {what} of {day}: {q}."],
  "ent.one.none": ["Chưa có tài nguyên nhập tay nào: hãy khai báo tài nguyên trước.", "No resource is entered by hand: declare one first."],
  "ent.type.delivery": ["giao nhận", "delivery"],
  "ent.type.invoice": ["hoá đơn", "invoice"],
  "ent.type.stock_count": ["kiểm kê tồn kho", "stock count"],
  "ent.type.usage": ["sử dụng", "usage"],
  "ent.del": ["Xoá số liệu nhập nhầm", "Delete a figure entered by mistake"],
  "ent.del.intro": ["Xoá một sản lượng hoặc một lần nhập tài nguyên đã lưu nhầm (nhật ký kiểm toán giữ lại số đã xoá). Số liệu mà đường cơ sở đã phê duyệt hoặc kỳ đã xác minh dùng đến thì không xoá được: hãy nhập số đúng kèm lý do.", "Delete a production quantity or a resource entry stored by mistake (the audit log keeps what was deleted). A figure an approved baseline or a verified period used cannot be deleted: enter the correct figure with its reason."],
  "ent.del.what": ["Loại số liệu", "Figure"],
  "ent.del.prod": ["sản lượng", "production quantity"],
  "ent.del.res": ["nhập tài nguyên", "resource entry"],
  "ent.del.submit": ["Xoá", "Delete"],
  "ent.del.stored": ["Đã lưu ngày này:", "Stored that day:"],
  "ent.del.nothing": ["Không có gì được nhập ngày này.", "Nothing was entered that day."],
  "ent.del.noday": ["Hãy chọn ngày.", "Choose the day."],
  "ent.del.nochoice": ["Chưa có gì để chọn.", "There is nothing to choose."],
  "ent.del.confirm": ["Xoá {what} ngày {day}?", "Delete {what} on {day}?"],
  "ent.del.done": ["Đã xoá {what} ngày {day}: {q}.", "Deleted {what} on {day}: {q}."],
  "ent.del.counters": ["Ngày này nay dùng số của bộ đếm: {q}.", "The day now uses the counters' figure: {q}."],
  "ent.del.refused": ["Không xoá được: {why}", "Not deleted: {why}"],
  "ent.del.nocounters": ["Ngày này nay không có sản lượng.", "The day now has no production figure."],
  "ent.del.notfound": ["Không có số liệu đó: {what} ngày {day} chưa được nhập.", "No such figure: {what} on {day} was not entered."],
  "tok.title": ["Khóa truy cập API", "API tokens"],
  "tok.intro": ["Khóa API cho phép một chương trình (phần mềm ERP, bảng tính, kịch bản báo cáo) đọc hoặc ghi dữ liệu qua API mà không cần đăng nhập. Mỗi khóa mang một vai trò, chỉ dùng được đến ngày hết hạn và bị từ chối ngay khi bị thu hồi.", "An API token lets a program (an ERP, a spreadsheet, a report script) read or write through the API without signing in. Each token carries a role, works until it expires and is refused as soon as it is revoked."],
  "tok.whose.scope": ["Danh sách gồm các khóa trong phạm vi của bạn.", "The list holds the tokens in your scope."],
  "tok.whose.own": ["Danh sách gồm các khóa do chính tài khoản của bạn cấp.", "The list holds the tokens your own account issued."],
  "tok.denied": ["Vai trò của bạn ({role}) không quản lý khóa API. Nếu một chương trình cần khóa, hãy đề nghị quản trị viên doanh nghiệp hoặc quản trị hệ thống cấp.", "Your role ({role}) does not manage API tokens. If a program needs one, ask your enterprise's administrator or the system administrator."],
  "tok.list": ["Các khóa", "Tokens"],
  "tok.col.name": ["Tên", "Name"],
  "tok.col.role": ["Vai trò", "Role"],
  "tok.col.scope": ["Doanh nghiệp / khu vực", "Enterprise / area"],
  "tok.col.access": ["Quyền", "Access"],
  "tok.col.created": ["Tạo lúc, bởi", "Created, by"],
  "tok.col.expires": ["Hết hạn", "Expires"],
  "tok.col.used": ["Dùng lần cuối", "Last used"],
  "tok.never": ["chưa dùng", "never"],
  "tok.col.state": ["Trạng thái", "Status"],
  "tok.col.actions": ["Thao tác", "Actions"],
  "tok.none": ["Chưa có khóa nào.", "No token yet."],
  "tok.access.readonly": ["chỉ đọc", "read-only"],
  "tok.access.write": ["đọc và ghi", "read and write"],
  "tok.scope.all": ["mọi doanh nghiệp", "every enterprise"],
  "tok.scope.none": ["không doanh nghiệp nào", "no enterprise"],
  "tok.scope.districts": ["Huyện: {names}", "Districts: {names}"],
  "tok.scope.parks": ["Khu công nghiệp: {names}", "Industrial parks: {names}"],
  "tok.state.active": ["Đang hiệu lực", "Active"],
  "tok.state.expired": ["Đã hết hạn", "Expired"],
  "tok.state.revoked": ["Đã thu hồi lúc {date}", "Revoked at {date}"],
  "tok.revoke": ["Thu hồi", "Revoke"],
  "tok.revoke.question": ["Thu hồi khóa “{name}”? Các chương trình dùng khóa này bị từ chối (401) từ yêu cầu tiếp theo; không thể hoàn tác.", "Revoke token “{name}”? Programs using it are refused (401) from their next request; this cannot be undone."],
  "tok.revoke.yes": ["Thu hồi khóa", "Revoke the token"],
  "tok.revoke.no": ["Hủy", "Cancel"],
  "tok.revoke.done": ["Đã thu hồi khóa “{name}”.", "Token “{name}” revoked."],
  "tok.refused": ["Bị từ chối: {message}", "Refused: {message}"],
  "tok.create": ["Cấp khóa mới", "Issue a new token"],
  "tok.create.name": ["Tên (chương trình sẽ dùng khóa)", "Name (the program that will use it)"],
  "tok.create.role": ["Vai trò của khóa", "The token's role"],
  "tok.create.enterprise": ["Doanh nghiệp (mã)", "Enterprise (code)"],
  "tok.create.districts": ["Huyện (mỗi dòng một tên)", "Districts (one name a line)"],
  "tok.create.parks": ["Khu công nghiệp (mỗi dòng một tên)", "Industrial parks (one name a line)"],
  "tok.create.areas.own": ["Để trống: mọi khu vực bạn phụ trách. Chỉ được nêu khu vực của chính bạn.", "Empty: every area you hold. Only your own areas may be named."],
  "tok.create.areas.named": ["Bắt buộc: nêu ít nhất một tên.", "Required: name at least one."],
  "tok.create.days": ["Hiệu lực (số ngày, 1–366; để trống: 90)", "Valid for (days, 1–366; empty: 90)"],
  "tok.create.readonly": ["Chỉ đọc (chỉ yêu cầu GET và HEAD)", "Read-only (GET and HEAD requests only)"],
  "tok.create.readonly.help": ["Chỉ bỏ chọn khi chương trình cần ghi dữ liệu: khóa khi đó có mọi quyền ghi của vai trò.", "Clear it only when the program must write: the token then has every write right of its role."],
  "tok.create.send": ["Cấp khóa", "Issue the token"],
  "tok.create.done": ["Đã cấp khóa “{name}”.", "Token “{name}” issued."],
  "tok.secret.title": ["Khóa vừa cấp: “{name}”", "The new token: “{name}”"],
  "tok.secret.once": ["Hãy sao chép khóa ngay bây giờ: khóa sẽ không được hiển thị lại. Hệ thống chỉ lưu mã băm của khóa; nếu làm mất, hãy thu hồi và cấp khóa mới.", "Copy it now: it will not be shown again. Only its hash is stored; if you lose it, revoke it and issue a new one."],
  "tok.secret.use": ["Chương trình gửi khóa trong tiêu đề HTTP: Authorization: Bearer <khóa>", "The program sends it in the HTTP header: Authorization: Bearer <token>"],
  "tok.secret.copy": ["Sao chép", "Copy"],
  "tok.secret.copied": ["Đã sao chép vào bộ nhớ tạm.", "Copied to the clipboard."],
  "tok.secret.select": ["Trình duyệt không cho sao chép tự động: khóa đã được chọn, hãy nhấn Ctrl+C.", "The browser does not allow copying here: the token is selected, press Ctrl+C."],
  "tok.secret.done": ["Tôi đã lưu khóa", "I have stored it"],
  "tok.role.system_admin": ["Quản trị hệ thống", "System administrator"],
  "tok.role.province_officer": ["Cán bộ cấp tỉnh", "Province officer"],
  "tok.role.auditor": ["Kiểm toán viên", "Auditor"],
  "tok.role.enterprise_admin": ["Quản trị doanh nghiệp", "Enterprise administrator"],
  "tok.role.enterprise_viewer": ["Người xem của doanh nghiệp", "Enterprise viewer"],
  "tok.role.district_officer": ["Cán bộ cấp huyện", "District officer"],
  "tok.role.park_officer": ["Cán bộ khu công nghiệp", "Park officer"],
  "nav.audit": ["Nhật ký kiểm toán", "Audit log"],
  "nav.quarantine": ["Bản tin bị cách ly", "Quarantine"],
  "overview.quarantine": ["Bản tin của doanh nghiệp bị từ chối và đang được cách ly: {n} (bản mới nhất nhận lúc {at}); các số đo bị từ chối trong đó chưa được lưu.", "Messages of this enterprise refused and in quarantine: {n} (the newest received at {at}); the readings refused in them are not stored."],
  "overview.quarantine.link": ["Xem các bản tin bị cách ly", "See the quarantined messages"],
  "qua.title": ["Bản tin bị cách ly", "Quarantined messages"],
  "qua.intro": ["Các bản tin mà hệ thống không nhận được (sai cấu trúc, đồng hồ đo chưa đăng ký, đơn vị không đổi được, một giá trị khác cho thời điểm đã lưu…), mới nhất ở trên cùng, cùng lý do nêu rõ sai ở đâu. Phần hợp lệ của một bản tin đã được lưu. Sau khi sửa đăng ký (cổng, đồng hồ đo), hãy xử lý lại bản tin; bản tin không bao giờ lưu được thì loại bỏ — bản tin vẫn được giữ làm hồ sơ và mỗi lần loại bỏ được ghi vào nhật ký kiểm toán.", "The messages the service could not take in (malformed, an unregistered meter, a unit that cannot be converted, another value for a time already stored…), newest first, each with a reason naming what was wrong and where. The valid part of a message is stored. Once the registry is fixed (gateway, meter), re-process a message; discard one that can never be stored — it stays on record and each discard is written to the audit log."],
  "qua.denied": ["Vai trò của bạn ({role}) không được xem các bản tin bị cách ly. Trang dành cho quản trị hệ thống, quản trị và người xem của doanh nghiệp, và kiểm toán viên.", "Your role ({role}) may not read the quarantined messages. The page is open to the system administrator, enterprise administrators and viewers, and auditors."],
  "qua.filter": ["Lọc", "Filter"],
  "qua.filter.status": ["Trạng thái", "Status"],
  "qua.filter.enterprise": ["Doanh nghiệp (mã)", "Enterprise (code)"],
  "qua.filter.reason": ["Lý do có chứa", "Reason contains"],
  "qua.filter.reason.help": ["Một đoạn của lý do, ví dụ tên đồng hồ đo; không phân biệt chữ hoa, chữ thường.", "A part of the reason, e.g. a meter's name; letter case is ignored."],
  "qua.filter.apply": ["Áp dụng", "Apply"],
  "qua.filter.clear": ["Bỏ lọc", "Clear the filter"],
  "qua.status.new": ["đang cách ly", "in quarantine"],
  "qua.status.discarded": ["đã loại bỏ", "discarded"],
  "qua.status.released": ["đã xử lý lại và lưu", "re-processed and stored"],
  "qua.status.all": ["mọi trạng thái", "any status"],
  "qua.list": ["Các bản tin", "Messages"],
  "qua.col.received": ["Thời điểm nhận", "Received"],
  "qua.col.enterprise": ["Doanh nghiệp", "Enterprise"],
  "qua.col.topic": ["Chủ đề MQTT", "MQTT topic"],
  "qua.col.reason": ["Lý do", "Reason"],
  "qua.col.attempts": ["Số lần xử lý lại", "Re-processed"],
  "qua.col.state": ["Trạng thái", "Status"],
  "qua.col.payload": ["Nội dung", "Payload"],
  "qua.col.actions": ["Thao tác", "Actions"],
  "qua.none": ["Không có bản tin nào đang bị cách ly.", "No message is in quarantine."],
  "qua.none.filter": ["Không có bản tin nào phù hợp với bộ lọc.", "No message matches the filter."],
  "qua.count": ["{n} bản tin.", "{n} messages."],
  "qua.count.newest": ["Đang hiển thị {n} bản tin mới nhất.", "The newest {n} messages are shown."],
  "qua.payload.bytes": ["{n} byte", "{n} bytes"],
  "qua.payload.binary": ["{n} byte, không phải văn bản UTF-8", "{n} bytes, not UTF-8 text"],
  "qua.occurrences": ["nhận {n} lần, lần cuối {at}", "received {n} times, last {at}"],
  "qua.payload.truncated": ["vượt giới hạn kích thước: giữ {kept} trong {n} byte; SHA-256 của cả bản tin {sha}", "over the size limit: {kept} of {n} bytes kept; SHA-256 of the whole {sha}"],
  "qua.reprocess": ["Xử lý lại", "Re-process"],
  "qua.discard": ["Loại bỏ", "Discard"],
  "qua.discard.confirm": ["Xác nhận loại bỏ", "Confirm the discard"],
  "qua.cancel": ["Hủy", "Cancel"],
  "qua.released": ["Bản tin {id} đã được xử lý lại và lưu: {n} số đo mới, {d} số đo đã có.", "Message {id} was re-processed and stored: {n} new readings, {d} already stored."],
  "qua.still": ["Bản tin {id} vẫn bị từ chối và ở lại trong cách ly:", "Message {id} is still refused and stays in quarantine:"],
  "qua.discarded.one": ["Đã loại bỏ bản tin {id}.", "Message {id} was discarded."],
  "qua.bulk": ["Loại bỏ theo lý do", "Discard by reason"],
  "qua.bulk.what": ["Loại bỏ {n} bản tin đang cách ly có lý do chứa “{text}”. Bản tin vẫn được giữ làm hồ sơ; mỗi bản tin được ghi vào nhật ký kiểm toán.", "Discard the {n} messages in quarantine whose reason contains “{text}”. They stay on record; each one is written to the audit log."],
  "qua.bulk.what.more": ["Loại bỏ mọi bản tin đang cách ly có lý do chứa “{text}” (ít nhất {n}, tối đa 10 000 mỗi lần). Bản tin vẫn được giữ làm hồ sơ; mỗi bản tin được ghi vào nhật ký kiểm toán.", "Discard every message in quarantine whose reason contains “{text}” (at least {n}; at most 10 000 at a time). They stay on record; each one is written to the audit log."],
  "qua.bulk.why": ["Lý do loại bỏ (ghi vào nhật ký kiểm toán)", "Why (for the audit log)"],
  "qua.bulk.discard": ["Loại bỏ các bản tin này", "Discard these messages"],
  "qua.bulk.confirm": ["Xác nhận loại bỏ tất cả", "Confirm: discard them all"],
  "qua.bulk.done": ["Đã loại bỏ {n} bản tin có lý do chứa “{text}”.", "{n} messages whose reason contains “{text}” were discarded."],
  "aud.title": ["Nhật ký kiểm toán", "Audit log"],
  "aud.intro": ["Nhật ký ghi lại ai đã làm gì, khi nào, với doanh nghiệp và đối tượng nào, và kết quả: đăng nhập, thay đổi, tải tài liệu làm bằng chứng và mọi yêu cầu bị từ chối. Các mục được nối thành chuỗi băm nên không thể sửa, xóa hay chèn mà không bị phát hiện. Mục mới nhất ở trên cùng.", "The log records who did what, when, to which enterprise and object, and the outcome: sign-ins, changes, downloads of evidence and every refused request. Its entries are hash-chained, so none can be changed, removed or inserted unnoticed. The newest entry is on top."],
  "aud.whose.all": ["Bạn xem mọi mục, kể cả các mục không thuộc doanh nghiệp nào (ví dụ các lần đăng nhập thất bại).", "You see every entry, including those of no enterprise (e.g. failed sign-ins)."],
  "aud.whose.auditor": ["Bạn xem các mục của các doanh nghiệp được phân công cho bạn: {enterprises}.", "You see the entries of the enterprises assigned to you: {enterprises}."],
  "aud.whose.enterprise": ["Bạn xem các mục của doanh nghiệp của bạn: {enterprise}.", "You see the entries of your enterprise: {enterprise}."],
  "aud.denied": ["Vai trò của bạn ({role}) không được xem nhật ký kiểm toán. Nhật ký dành cho quản trị hệ thống, quản trị doanh nghiệp (các mục của doanh nghiệp mình) và kiểm toán viên (các doanh nghiệp được phân công).", "Your role ({role}) may not read the audit log. It is open to the system administrator, enterprise administrators (their enterprise's entries) and auditors (their assigned enterprises)."],
  "aud.filter": ["Lọc", "Filter"],
  "aud.filter.action": ["Hành động (mã)", "Action (code)"],
  "aud.filter.action.help": ["Đúng mã hành động như trong cột Hành động; để trống: mọi hành động.", "The exact action code, as in the Action column; empty: every action."],
  "aud.filter.enterprise": ["Doanh nghiệp (mã)", "Enterprise (code)"],
  "aud.filter.enterprise.mine": ["Mọi doanh nghiệp của tôi", "All of mine"],
  "aud.filter.outcome": ["Kết quả", "Outcome"],
  "aud.filter.outcome.any": ["mọi kết quả", "any outcome"],
  "aud.filter.actor": ["Người thực hiện (đúng tên)", "Actor (exact name)"],
  "aud.filter.from": ["Từ ngày", "From"],
  "aud.filter.to": ["Đến ngày", "To"],
  "aud.filter.apply": ["Áp dụng", "Apply"],
  "aud.filter.clear": ["Bỏ lọc", "Clear the filter"],
  "aud.list": ["Các mục", "Entries"],
  "aud.col.at": ["Thời điểm", "Time"],
  "aud.col.actor": ["Người thực hiện", "Actor"],
  "aud.col.role": ["Vai trò", "Role"],
  "aud.col.action": ["Hành động", "Action"],
  "aud.col.outcome": ["Kết quả", "Outcome"],
  "aud.col.enterprise": ["Doanh nghiệp", "Enterprise"],
  "aud.col.target": ["Đối tượng", "Target"],
  "aud.col.detail": ["Chi tiết / lý do", "Detail / reason"],
  "aud.none": ["Chưa có mục nào.", "No entry yet."],
  "aud.none.filter": ["Không có mục nào phù hợp với bộ lọc.", "No entry matches the filter."],
  "aud.count.newest": ["Đang hiển thị {n} mục mới nhất.", "The newest {n} entries are shown."],
  "aud.count.all": ["Đang hiển thị tất cả {n} mục phù hợp.", "All {n} matching entries are shown."],
  "aud.more": ["Xem thêm {n} mục cũ hơn", "Show {n} older entries"],
  "aud.csv": ["Tải CSV các mục đang hiển thị", "Download the entries shown (CSV)"],
  "aud.repeat": ["Tính cả các lần lặp lại: {n} lần", "Repeated: {n} times in all"],
  "aud.states": ["Trạng thái trước và sau", "State before and after"],
  "aud.seq": ["Mục số {seq} của chuỗi", "Chain entry {seq}"],
  "aud.from": ["từ {ip}", "from {ip}"],
  "aud.outcome.success": ["Thành công", "Success"],
  "aud.outcome.denied": ["Bị từ chối", "Denied"],
  "aud.outcome.failure": ["Thất bại", "Failed"],
  "aud.role.anonymous": ["Chưa đăng nhập", "Not signed in"],
  "aud.role.system": ["Hệ thống (EnergyTrace)", "The system (EnergyTrace)"],
  // the audit log's actions in words (the code stays under them: the filter takes it)
  "aud.action.access.denied": ["Yêu cầu bị từ chối", "Request refused"],
  "aud.action.adjustment.approve": ["Phê duyệt điều chỉnh", "Adjustment approved"],
  "aud.action.adjustment.attachment.download": ["Tải tệp kèm điều chỉnh", "Adjustment attachment downloaded"],
  "aud.action.adjustment.propose": ["Đề xuất điều chỉnh ngoài thường lệ", "Non-routine adjustment proposed"],
  "aud.action.adjustment.reject": ["Bác bỏ điều chỉnh", "Adjustment rejected"],
  "aud.action.auth.token_rejected": ["Mã truy cập API bị từ chối", "API token refused"],
  "aud.action.baseline.approve": ["Phê duyệt đường cơ sở", "Baseline approved"],
  "aud.action.baseline.return": ["Trả lại đường cơ sở", "Baseline returned"],
  "aud.action.baseline.submit": ["Nộp đường cơ sở để phê duyệt", "Baseline submitted for review"],
  "aud.action.baseline.supersede": ["Đường cơ sở bị thay thế", "Baseline superseded"],
  "aud.action.calibration.certificate.download": ["Tải giấy chứng nhận hiệu chuẩn", "Calibration certificate downloaded"],
  "aud.action.calibration.record": ["Ghi hiệu chuẩn đồng hồ", "Meter calibration recorded"],
  "aud.action.counter_event.delete": ["Xóa sự kiện bộ đếm", "Counter event removed"],
  "aud.action.counter_event.record": ["Ghi sự kiện bộ đếm (thay, đặt lại)", "Counter event recorded (replaced, reset)"],
  "aud.action.cp.achievement.publish": ["Công bố thành tựu SXSH", "CP achievement published"],
  "aud.action.cp.achievement.unpublish": ["Thôi công bố thành tựu SXSH", "CP achievement withdrawn"],
  "aud.action.cp.assessment.create": ["Tạo đánh giá SXSH", "CP assessment created"],
  "aud.action.cp.assessment.update": ["Sửa đánh giá SXSH", "CP assessment changed"],
  "aud.action.cp.attendance.record": ["Ghi tham dự tập huấn SXSH", "CP training attendance recorded"],
  "aud.action.cp.balance.prefill": ["Điền sẵn cân bằng vật chất từ số đo", "Material balance prefilled from measurements"],
  "aud.action.cp.guidance.create": ["Viết hướng dẫn SXSH theo ngành", "Sector CP guidance written"],
  "aud.action.cp.guidance.update": ["Sửa hướng dẫn SXSH theo ngành", "Sector CP guidance changed"],
  "aud.action.cp.option.create": ["Thêm giải pháp SXSH", "CP option added"],
  "aud.action.cp.option.update": ["Sửa giải pháp SXSH", "CP option changed"],
  "aud.action.cp.pilot.create": ["Thêm điểm trình diễn SXSH", "CP pilot site added"],
  "aud.action.cp.pilot.update": ["Sửa điểm trình diễn SXSH", "CP pilot site changed"],
  "aud.action.cp.public.create": ["Đăng tin / hoạt động SXSH", "CP news or activity posted"],
  "aud.action.cp.public.update": ["Sửa tin / hoạt động SXSH", "CP news or activity changed"],
  "aud.action.dossier.generate": ["Lập hồ sơ xác minh", "Verification dossier generated"],
  "aud.action.enpi.version": ["Phiên bản định nghĩa EnPI mới", "New EnPI definition version"],
  "aud.action.gateway.credentials": ["Cấp thông tin đăng nhập MQTT cho gateway", "Gateway's MQTT credentials issued"],
  "aud.action.gateway.put": ["Đăng ký / sửa gateway", "Gateway registered or changed"],
  "aud.action.login.failure": ["Đăng nhập sai", "Sign-in refused"],
  "aud.action.login.success": ["Đăng nhập", "Signed in"],
  "aud.action.login.throttled": ["Đăng nhập bị tạm chặn (quá nhiều lần sai)", "Sign-in held back (too many failures)"],
  "aud.action.logout": ["Đăng xuất", "Signed out"],
  "aud.action.meter.put": ["Đăng ký / sửa đồng hồ", "Meter registered or changed"],
  "aud.action.password.change": ["Đổi mật khẩu", "Password changed"],
  "aud.action.period.signoff": ["Ký xác nhận kỳ tiết kiệm", "Savings period signed off"],
  "aud.action.production.delete": ["Xoá sản lượng nhập nhầm", "Production quantity deleted"],
  "aud.action.production.quantities": ["Nhập sản lượng", "Production quantities recorded"],
  "aud.action.production.revise": ["Sửa sản lượng đã dùng", "Production figure revised"],
  "aud.action.programme.area.update": ["Sửa địa bàn", "Area changed"],
  "aud.action.programme.cp_step.attachment.download": ["Tải bằng chứng bước SXSH", "CP step evidence downloaded"],
  "aud.action.programme.cp_step.record": ["Ghi bước SXSH", "CP step recorded"],
  "aud.action.programme.energy.declare": ["Khai báo năng lượng tiêu thụ", "Energy use declared"],
  "aud.action.programme.facility.create": ["Thêm cơ sở vào chương trình", "Facility added to the programme"],
  "aud.action.programme.facility.update": ["Sửa cơ sở trong chương trình", "Programme facility changed"],
  "aud.action.programme.officer.create": ["Thêm cán bộ SXSH", "CP officer added"],
  "aud.action.programme.officer.update": ["Sửa cán bộ SXSH", "CP officer changed"],
  "aud.action.programme.period.close": ["Đóng kỳ báo cáo", "Reporting period closed"],
  "aud.action.programme.period.create": ["Mở kỳ báo cáo", "Reporting period opened"],
  "aud.action.programme.period.deadline": ["Đổi hạn nộp báo cáo", "Reporting deadline changed"],
  "aud.action.programme.registry.import": ["Nhập danh sách cơ sở", "Facility registry imported"],
  "aud.action.programme.report.download": ["Tải báo cáo chương trình", "Programme report downloaded"],
  "aud.action.programme.report.notes": ["Ghi chú báo cáo kỳ", "Period report notes"],
  "aud.action.programme.report.reopen": ["Mở lại báo cáo kỳ", "Period report reopened"],
  "aud.action.programme.report.submit": ["Nộp báo cáo kỳ", "Period report submitted"],
  "aud.action.programme.saving.record": ["Ghi tiết kiệm vào chương trình", "Saving recorded in the programme"],
  "aud.action.programme.step.auto": ["Bước SXSH cập nhật theo ký xác nhận", "CP step updated by a sign-off"],
  "aud.action.programme.targets.set": ["Đặt mục tiêu chương trình", "Programme targets set"],
  "aud.action.programme.training.record": ["Ghi khóa tập huấn", "Training recorded"],
  "aud.action.quarantine.discard": ["Loại bỏ bản tin bị cách ly", "Quarantined message discarded"],
  "aud.action.resource.baseline.approve": ["Phê duyệt đường cơ sở tài nguyên", "Resource baseline approved"],
  "aud.action.resource.baseline.create": ["Lập đường cơ sở tài nguyên", "Resource baseline created"],
  "aud.action.resource.baseline.return": ["Trả lại đường cơ sở tài nguyên", "Resource baseline returned"],
  "aud.action.resource.baseline.submit": ["Nộp đường cơ sở tài nguyên", "Resource baseline submitted"],
  "aud.action.resource.baseline.supersede": ["Đường cơ sở tài nguyên bị thay thế", "Resource baseline superseded"],
  "aud.action.resource.entries": ["Nhập số liệu tài nguyên", "Resource entries recorded"],
  "aud.action.resource.entry.delete": ["Xoá số liệu tài nguyên nhập nhầm", "Resource entry deleted"],
  "aud.action.resource.entry.revise": ["Sửa số liệu tài nguyên", "Resource entry revised"],
  "aud.action.resource.put": ["Đăng ký / sửa tài nguyên", "Resource registered or changed"],
  "aud.action.site.publish": ["Công bố / thôi công bố trang trình diễn", "Showcase published or withdrawn"],
  "aud.action.site.story": ["Sửa câu chuyện trình diễn", "Showcase story changed"],
  "aud.action.temperature.upload": ["Tải lên nhiệt độ", "Temperatures uploaded"],
  "aud.action.temperature_source.put": ["Đặt nguồn nhiệt độ", "Temperature source set"],
  "aud.action.token.create": ["Cấp khóa truy cập API", "API token issued"],
  "aud.action.token.revoke": ["Thu hồi khóa truy cập API", "API token revoked"],
  "aud.action.user.create": ["Tạo tài khoản", "Account created"],
  "aud.action.user.update": ["Sửa tài khoản", "Account changed"],
  "aud.chain": ["Kiểm tra chuỗi nhật ký", "Check the log's chain"],
  "aud.chain.intro": ["Máy chủ tính lại mã băm của từng mục từ mục đầu tiên và so với chuỗi đã lưu: nếu một mục bị sửa, xóa hay chèn thêm, kết quả nêu mục đầu tiên bị đứt. Việc kiểm tra đi qua kiểm tra toàn vẹn của một doanh nghiệp (doanh nghiệp đang lọc, hoặc của bạn).", "The server recomputes every entry's hash from the first one and compares it with the stored chain: if an entry was changed, removed or inserted, the answer names the first broken one. The check runs through an enterprise's integrity check (the one filtered, or yours)."],
  "aud.chain.check": ["Kiểm tra chuỗi", "Check the chain"],
  "aud.chain.need": ["Hãy nhập một doanh nghiệp vào bộ lọc: việc kiểm tra đi qua kiểm tra toàn vẹn của một doanh nghiệp.", "Name an enterprise in the filter: the check runs through an enterprise's integrity check."],
  "aud.chain.running": ["Đang kiểm tra…", "Checking…"],
  "aud.chain.ok": ["Chuỗi nguyên vẹn: {n} mục được tính lại, không mục nào bị sửa, xóa hay chèn (kiểm tra lúc {at}).", "The chain is intact: {n} entries recomputed, none changed, removed or inserted (checked at {at})."],
  "aud.chain.broken": ["Chuỗi bị đứt tại mục số {seq} (trong {n} mục đã kiểm tra):", "The chain is broken at entry {seq} (of {n} checked):"],
  "aud.chain.broken.end": ["Chuỗi bị đứt ({n} mục đã kiểm tra):", "The chain is broken ({n} entries checked):"],
  "aud.chain.notfound": ["Không tìm thấy doanh nghiệp “{enterprise}”.", "Enterprise “{enterprise}” was not found."],
  "nav.accounts": ["Tài khoản", "Accounts"],
  "nav.account": ["Tài khoản của tôi", "My account"],
  "acc.title": ["Tài khoản người dùng", "User accounts"],
  "acc.title.own": ["Tài khoản của tôi", "My account"],
  "acc.intro": ["Mỗi người đăng nhập bằng tài khoản riêng. Vai trò của tài khoản quyết định người đó được xem và được làm gì; tài khoản bị khóa không đăng nhập được nữa.", "Everyone signs in with an account of their own. The account's role decides what the person may see and do; a disabled account can no longer sign in."],
  "acc.whose.all": ["Danh sách gồm mọi tài khoản.", "The list holds every account."],
  "acc.whose.enterprise": ["Danh sách gồm các tài khoản của doanh nghiệp {enterprise}.", "The list holds the accounts of enterprise {enterprise}."],
  "acc.denied": ["Vai trò của bạn ({role}) không quản lý tài khoản. Bạn có thể đổi mật khẩu của mình ở dưới; để tạo hoặc thay đổi tài khoản, hãy đề nghị quản trị viên doanh nghiệp hoặc quản trị hệ thống.", "Your role ({role}) does not manage accounts. You can change your own password below; to create or change an account, ask your enterprise's administrator or the system administrator."],
  "acc.first": ["Bạn đang dùng mật khẩu ban đầu: hãy đổi mật khẩu ngay bây giờ. Cho đến khi đổi, hệ thống không mở dữ liệu nào khác cho tài khoản này.", "You are using your initial password: change it now. Until you do, the platform opens nothing else to this account."],
  "acc.list": ["Các tài khoản", "Accounts"],
  "acc.col.name": ["Tên đăng nhập", "Username"],
  "acc.col.role": ["Vai trò", "Role"],
  "acc.col.scope": ["Doanh nghiệp / phạm vi", "Enterprise / scope"],
  "acc.col.state": ["Trạng thái", "Status"],
  "acc.col.signin": ["Đăng nhập lần cuối", "Last sign-in"],
  "acc.signin.never": ["chưa đăng nhập", "never"],
  "acc.created": ["tạo lúc {date}", "created {date}"],
  "acc.col.actions": ["Thao tác", "Actions"],
  "acc.none": ["Chưa có tài khoản nào.", "No account yet."],
  "acc.you": ["(bạn)", "(you)"],
  "acc.own": ["Tài khoản của bạn: đổi mật khẩu ở dưới.", "Your account: change its password below."],
  "acc.change": ["Thay đổi", "Change"],
  "acc.assignment": ["{enterprise} đến {date}", "{enterprise} until {date}"],
  "acc.scope.noassignment": ["chưa được phân công doanh nghiệp nào", "no enterprise assigned"],
  "acc.scope.area": ["các huyện hoặc khu công nghiệp được giao", "the districts or parks assigned"],
  "acc.state.enabled": ["Đang hoạt động", "Enabled"],
  "acc.state.disabled": ["Đã khóa", "Disabled"],
  "acc.state.initial": ["chưa đổi mật khẩu ban đầu", "initial password not changed yet"],
  "acc.initial.title": ["Mật khẩu ban đầu của “{name}”", "The initial password of “{name}”"],
  "acc.initial.once": ["Hãy chuyển mật khẩu này cho người dùng qua một kênh an toàn ngay bây giờ: mật khẩu sẽ không được hiển thị lại. Người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.", "Pass it to the person by a safe channel now: it will not be shown again. They must change it at their first sign-in."],
  "acc.initial.done": ["Tôi đã chuyển mật khẩu", "I have passed it on"],
  "acc.form.create": ["Tạo tài khoản mới", "Create an account"],
  "acc.form.change": ["Thay đổi tài khoản “{name}”", "Change account “{name}”"],
  "acc.form.username": ["Tên đăng nhập", "Username"],
  "acc.form.username.hint": ["Chữ thường không dấu, chữ số và . _ @ -; bắt đầu bằng chữ hoặc số.", "Lower-case letters without accents, digits and . _ @ -; starting with a letter or a digit."],
  "acc.form.username.required": ["Hãy nhập tên đăng nhập.", "Enter a username."],
  "acc.form.role": ["Vai trò", "Role"],
  "acc.form.enterprise": ["Doanh nghiệp (mã)", "Enterprise (code)"],
  "acc.form.assignments": ["Doanh nghiệp được phân công (mỗi dòng: mã và ngày hết hạn)", "Assigned enterprises (a line each: code and last day)"],
  "acc.form.assignments.hint": ["Ví dụ: nha-may-bia 2027-06-30. Hết ngày đó kiểm toán viên không đọc được doanh nghiệp nữa.", "For example: nha-may-bia 2027-06-30. After that day the auditor no longer reads the enterprise."],
  "acc.form.area": ["Khu vực (huyện hoặc khu công nghiệp) của cán bộ được giao riêng sau khi tạo tài khoản (thao tác putOfficerArea của API).", "An officer's area (districts or industrial parks) is assigned separately once the account exists (the API's putOfficerArea)."],
  "acc.form.disabled": ["Khóa tài khoản (không đăng nhập được, mọi phiên đang mở bị kết thúc)", "Disabled (cannot sign in; every open session ends)"],
  "acc.form.disabled.help": ["Bỏ chọn để mở lại tài khoản; mật khẩu giữ nguyên.", "Clear it to enable the account again; its password stays."],
  "acc.form.initial.help": ["Tài khoản mới nhận một mật khẩu ban đầu do hệ thống tạo, hiển thị một lần sau khi tạo.", "A new account gets an initial password made by the platform, shown once after it is created."],
  "acc.form.send": ["Tạo tài khoản", "Create the account"],
  "acc.form.save": ["Lưu thay đổi", "Save the changes"],
  "acc.form.cancel": ["Hủy", "Cancel"],
  "acc.form.exists": ["Đã có tài khoản “{name}”: hãy chọn “Thay đổi” ở dòng của tài khoản đó.", "Account “{name}” exists already: choose “Change” in its row."],
  "acc.form.created": ["Đã tạo tài khoản “{name}”.", "Account “{name}” created."],
  "acc.form.saved": ["Đã lưu tài khoản “{name}”.", "Account “{name}” saved."],
  "acc.pw.title": ["Đổi mật khẩu của tôi", "Change my password"],
  "acc.pw.who": ["Tài khoản đang đăng nhập: {name}", "Signed in as {name}"],
  "acc.pw.current": ["Mật khẩu hiện tại", "Current password"],
  "acc.pw.new": ["Mật khẩu mới", "New password"],
  "acc.pw.repeat": ["Nhập lại mật khẩu mới", "New password again"],
  "acc.pw.rules": ["Từ 12 đến 128 ký tự, không chứa tên đăng nhập, khác mật khẩu hiện tại. Sau khi đổi, mọi phiên đăng nhập khác của tài khoản bị kết thúc.", "12 to 128 characters, not containing the username, not the current one. Once it is changed, every other session of the account ends."],
  "acc.pw.send": ["Đổi mật khẩu", "Change the password"],
  "acc.pw.done": ["Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị kết thúc.", "Password changed. Every other session has ended."],
  "acc.pw.mismatch": ["Hai lần nhập mật khẩu mới không giống nhau.", "The two new passwords differ."],
  "acc.pw.wrong": ["Mật khẩu hiện tại không đúng; mật khẩu chưa được đổi.", "The current password is wrong; the password was not changed."],
  "acc.pw.continue": ["Tiếp tục", "Continue"],
};

const DICT = { vi: {}, en: {} };
for (const [key, [vi, en]] of Object.entries(TEXT)) {
  DICT.vi[key] = vi;
  DICT.en[key] = en;
}

const LOCALES = { vi: "vi-VN", en: "en-GB" };
const listeners = [];

export function lang() {
  const q = new URLSearchParams(location.search).get("lang");
  if (q && DICT[q]) return q;
  const s = localStorage.getItem("et.lang");
  return s && DICT[s] ? s : "vi";
}

export function locale() { return LOCALES[lang()]; }

export function t(key, vars = {}) {
  const s = DICT[lang()][key] ?? DICT.en[key] ?? key;
  const out = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ""));
  return lang() === "en" ? singular(out) : out;
}

// English counts of one take the singular ("1 facilities" on the programme page); Vietnamese has no plural
const SINGULAR = { facilities: "facility", rows: "row", days: "day", meters: "meter", entries: "entry", enterprises: "enterprise",
  periods: "period", options: "option", files: "file", readings: "reading", messages: "message", sites: "site", products: "product",
  series: "series", accounts: "account", tokens: "token", measures: "measure", intervals: "interval", figures: "figure", reminders: "reminder", counts: "count", ranges: "range" };
function singular(text) {
  return text.replace(/(^|[^\d.,])1 ([a-z]+)\b/g, (m, before, word) => SINGULAR[word] ? before + "1 " + SINGULAR[word] : m);
}

export function setLang(l) {
  localStorage.setItem("et.lang", l);
  const u = new URL(location.href);
  if (u.searchParams.has("lang")) { u.searchParams.set("lang", l); history.replaceState(null, "", u); }
  apply();
  listeners.forEach(f => f());
}

/** Whether the dictionary has a label (optional labels, e.g. a translated EnPI name). */
export function has(key) { return key in DICT.en; }

/** Every label in both languages (the pages' dictionary check in the browser tests). */
export function vocabulary() { return { vi: Object.values(DICT.vi), en: Object.values(DICT.en) }; }

/**
 * A unit as the reader's language writes it: a product unit of an SEC ("MJ/pcs" is "MJ/sp" in
 * Vietnamese); energy units (kWh, MJ, Nm³, TOE) are international symbols and stay.
 */
/** The symbols of the UNECE unit codes ingest accepts (validate.Units.symbol), for the pages that show a channel's unit. */
const UNECE_SYMBOLS = { KWH: "kWh", WHR: "Wh", MWH: "MWh", GWH: "GWh", GV: "GJ", "3B": "MJ", KVR: "kvar", KVA: "kVA", K3: "kvarh", KJ: "kJ",
  MAH: "Mvarh", KWT: "kW", WTT: "W", MAW: "MW", MTQ: "m³", NM3: "Nm³", LTR: "L", HLT: "hl", TNE: "t", KGM: "kg", MTK: "m²", MQH: "m³/h",
  E18: "t/h", VLT: "V", AMP: "A", HTZ: "Hz", C62: "1", P1: "%", CEL: "°C", KEL: "K", BAR: "bar", KPA: "kPa", PAL: "Pa", H87: "pcs" };

/** A unit code as its symbol ("NM3" → "Nm³"); anything else as it is; "" for none. */
export function unitSymbol(code) {
  return code == null ? "" : UNECE_SYMBOLS[code] || code;
}

export function unitText(u) {
  if (!u) return "";
  return String(u).split("/").map(part => has("unit." + part) ? t("unit." + part) : part).join("/");
}

/** An EnPI's name: the demo's names are translated, a name an enterprise typed is shown as typed. */
export function enpiName(e) {
  const name = e && (e.name || e.enpi);
  return name && has("enpiname." + name) ? t("enpiname." + name) : name;
}

/** Re-render hooks run after a language change. */
export function onLangChange(f) { listeners.push(f); }

/** Fills every [data-i18n] element (and [data-i18n-attr="attr:key"]) with the current language. */
export function apply(root = document) {
  document.documentElement.lang = lang();
  root.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-attr]").forEach(el => {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      el.setAttribute(attr, t(key));
    }
  });
}

/** A number in the current locale (vi-VN: 1.234,5); "—" when missing. */
export function num(v, digits = 1) {
  if (v == null || Number.isNaN(Number(v))) return t("value.none");
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(Number(v));
}

/** The next smaller unit of a per-unit figure's numerator, and how many of it make one. */
const SMALLER = { t: ["kg", 1000], kg: ["g", 1000], GJ: ["MJ", 1000], MJ: ["kJ", 1000], MWh: ["kWh", 1000], kWh: ["Wh", 1000], m3: ["l", 1000] };

/**
 * The unit in which figures of one per-unit quantity read best: its numerator made smaller until
 * the largest of {@code values} is at least 0,1 (coal per can read 0,0000119 t/sp; now 11,9 g/sp).
 * Returns { factor, unit, of }: show of(value) (value × factor; null stays null) in unit.
 */
export function secScale(values, unit) {
  const parts = String(unit || "").split("/");
  const shown = values.filter(v => v != null && Number.isFinite(Number(v))).map(v => Math.abs(Number(v)));
  const biggest = shown.length ? Math.max(...shown) : 0;
  let top = parts[0], factor = 1;
  while (biggest > 0 && biggest * factor < 0.1 && SMALLER[top]) {
    const [smaller, times] = SMALLER[top];
    top = smaller;
    factor *= times;
  }
  return { factor, unit: [top, ...parts.slice(1)].join("/"), of: v => v == null ? v : v * factor };
}

/** A SEC: three decimals, or four significant digits for small ones (coal in t per crate: 0,0004006, not 0,000). */
export function secText(v) {
  if (v == null || Number.isNaN(Number(v)) || Math.abs(v) >= 0.1) return fixed(v, 3);
  return new Intl.NumberFormat(locale(), { maximumSignificantDigits: 4 }).format(Number(v));
}

/** A ratio such as an SEC, with a fixed number of decimals so 1,000 and 0,835 compare at a glance. */
export function fixed(v, digits = 3) {
  if (v == null || Number.isNaN(Number(v))) return t("value.none");
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(v));
}

export function pct(v, digits = 1) {
  if (v == null) return t("value.none");
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: digits }).format(Number(v));
}

/** Money shortened for a wall screen (32,3 Tr ₫ / ₫32.3m); the exact amount goes beside it. */
export function moneyShort(v, currency) {
  if (v == null) return t("value.none");
  return new Intl.NumberFormat(locale(), { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(Number(v));
}

/** A unit whose first part is a currency's code ("VND/hl") with the currency's symbol, as money() writes it ("₫/hl"). */
export function currencyUnit(unit) {
  const m = /^([A-Z]{3})(\/.*)?$/.exec(unit || "");
  if (!m) return unit;
  try {
    const symbol = new Intl.NumberFormat(locale(), { style: "currency", currency: m[1] }).formatToParts(0).find(p => p.type === "currency");
    return (symbol ? symbol.value : m[1]) + (m[2] || "");
  } catch (e) {
    return unit;
  }
}

export function money(v, currency) {
  if (v == null) return t("value.none");
  return new Intl.NumberFormat(locale(), { style: "currency", currency, maximumFractionDigits: 0 }).format(Number(v));
}

// the zone dates and times are shown in: the site's (setZone), never the browser's; a page of no
// one site (the programme, the audit log, accounts) shows the province's, the sites' default zone
// (store.SiteZones.DEFAULT)
const PROVINCE_ZONE = "Asia/Ho_Chi_Minh";
let zone = PROVINCE_ZONE;

/** Shows dates and times in this IANA zone from now on (the site's, from the API). */
export function setZone(z) { zone = z || PROVINCE_ZONE; }

/** The zone dates and times are shown in (a day typed in a form is one of this zone's). */
export function shownZone() { return zone; }

/** The day (yyyy-MM-dd) of an instant in the zone dates are shown in. */
export function localDay(v) {
  // en-CA writes a date as yyyy-MM-dd
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: zone }).format(new Date(v));
}

/** A date (vi-VN: dd/MM/yyyy). Accepts an ISO instant (shown in the site's zone) or a yyyy-MM-dd day. */
// The API answers a refused field in English ("calibrated_on: is required"): a Vietnamese page
// names the field and says the API's usual phrases in Vietnamese, and keeps what it has no words
// for as the API said it, marked as English by the caller.
const FIELD_VI = {
  day: "ngày", from: "từ ngày", to: "đến ngày", date: "ngày", ts: "thời điểm", kind: "loại",
  reason: "lý do", comment: "nhận xét", comments: "nhận xét", opinion: "ý kiến", note: "ghi chú",
  calibrated_on: "ngày hiệu chuẩn", valid_until: "hiệu lực đến", lab: "phòng thí nghiệm",
  certificate: "số chứng chỉ", result: "kết quả", multiplier: "hệ số nhân", channel: "kênh",
  closing_value: "chỉ số cuối", opening_value: "chỉ số đầu", register_value: "chỉ số lúc thay đổi", title_vi: "tiêu đề (tiếng Việt)",
  title_en: "tiêu đề (tiếng Anh)", body_vi: "nội dung (tiếng Việt)", body_en: "nội dung (tiếng Anh)",
  attendance: "số người tham dự", plan_year: "năm kế hoạch", username: "tên đăng nhập",
  password: "mật khẩu", new_password: "mật khẩu mới", role: "vai trò", enterprise: "doanh nghiệp",
  name: "tên", stage: "giai đoạn", detail: "chi tiết", effective_from: "có hiệu lực từ",
  deadline: "hạn nộp", period: "kỳ", quantity: "số lượng", value: "giá trị", method: "phương pháp",
  dossier_sha256: "mã SHA-256 của hồ sơ", baseline_version: "phiên bản đường cơ sở", model: "mô hình",
  expires_at: "hết hạn", expires_in_days: "số ngày hiệu lực", body: "nội dung yêu cầu",
  course: "khoá học", officer: "cán bộ", person: "người tham dự", code: "mã", sector: "ngành",
  cites: "trích dẫn", targets: "mục tiêu", limit: "số dòng", status: "trạng thái",
  justification: "căn cứ", standard_error: "sai số chuẩn", description: "mô tả",
  product: "sản phẩm", line: "dây chuyền", resource: "tài nguyên", type: "loại", unit: "đơn vị",
  amount: "số tiền", currency: "tiền tệ", ref: "số chứng từ", file: "tệp", upload_id: "mã tải lên",
  item: "mục", started_on: "ngày bắt đầu", implemented_on: "ngày thực hiện", measure_date: "ngày áp dụng biện pháp",
  version: "phiên bản", attachment: "tệp đính kèm", content_base64: "tệp đính kèm", media_type: "loại tệp", corrects: "bản ghi được đính chính"
};
/**
 * What uses a figure, as the API lists it ("resource baseline lime/1 2026-01-05..2026-01-11;
 * baseline x/1; period x/1 2026-01-07..2026-01-12"), in Vietnamese words around the codes.
 */
function usedByWords(list) {
  return list.split("; ").map(u => u
    .replace(/^resource baseline /, "đường cơ sở tài nguyên ")
    .replace(/^baseline /, "đường cơ sở ")
    .replace(/^period /, "kỳ ")).join("; ");
}

/** A baseline's state as the verification page names it ("approved" → "đã phê duyệt"). */
function baselineState(s) {
  return has("baseline.status." + s) ? t("baseline.status." + s) : s;
}

const PHRASES_VI = [
  [/^(\S+) is sealed (through|from) (\S+) \((.*)\): choose (to|from) (<=|>=) (\S+)$/,
    (m) => "chuỗi số liệu " + m[1] + (m[2] === "through" ? " mới được niêm phong đến hết ngày " : " chỉ có dữ liệu từ ngày ") + date(m[3])
      + " (" + m[4].replace(/^a day is sealed (.+) after it ends$/, "một ngày được niêm phong $1 sau khi kết thúc").replace(/^a day is sealed once it ends$/, "một ngày được niêm phong khi kết thúc").replace(/^its first row$/, "dòng dữ liệu đầu tiên")
      + "): hãy chọn " + (m[5] === "to" ? "đến ngày không muộn hơn " : "từ ngày không sớm hơn ") + date(m[7])],
  [/^the reporting period must start after the baseline period \(which ends (\S+)\)$/,
    (m) => "kỳ báo cáo phải bắt đầu sau kỳ cơ sở (kết thúc ngày " + date(m[1]) + ")"],
  [/^(\S+) (\S+) is (below|above) the register's reading (before|after) the event, (\S+) (\S+) at (\S+) (\S+) \(a register does not run backwards\): give the (old register's last reading|new register's first reading|reading at the change)$/,
    (m) => m[1] + " " + m[2] + (m[3] === "below" ? " thấp hơn" : " cao hơn") + " chỉ số công tơ đọc được "
      + (m[4] === "before" ? "trước" : "sau") + " sự kiện, " + m[5] + " " + m[6] + " lúc " + m[8] + " " + date(m[7])
      + " (chỉ số công tơ không chạy lùi): hãy ghi "
      + (m[9] === "reading at the change" ? "chỉ số lúc thay đổi" : m[9].startsWith("old") ? "chỉ số cuối của công tơ cũ" : "chỉ số đầu của công tơ mới")],
  [/^(?:is )?required$/, () => "bắt buộc"],
  [/^required: say why \(a non-empty text\)$/, () => "bắt buộc: nêu lý do"],
  [/^required: a non-empty list of \w+$/, () => "bắt buộc: một danh sách có ít nhất một mục"],
  [/^not a non-negative decimal number: '(.*)'(?:: write (\S+) .*)?$/,
    (m) => "không phải số thập phân không âm: “" + m[1] + "”" + (m[2] ? ": hãy viết " + m[2] + " (dấu chấm cho phần thập phân, không có dấu phân cách hàng nghìn)" : "")],
  [/^the production of (\S+) on (\S+) is used by (.+): a correction is an audited revision; give its reason$/,
    (m) => "sản lượng " + m[1] + " ngày " + m[2] + " đã được dùng cho " + usedByWords(m[3]) + ": sửa số liệu này là một lần sửa có kiểm toán, hãy ghi lý do"],
  [/^the quantity of (\S+) on (\S+) is used by (.+): a figure an approved baseline or a verified period used is not deleted; enter the corrected figure with its reason \(an audited revision\)$/,
    (m) => "sản lượng " + m[1] + " ngày " + m[2] + " đã được dùng cho " + usedByWords(m[3]) + ": số liệu đường cơ sở đã phê duyệt hoặc kỳ đã xác minh dùng đến thì không xoá; hãy nhập số đúng kèm lý do (một lần sửa có kiểm toán)"],
  [/^the (\w+) of (\S+) on (\S+) (?:without a ref|with ref '(.*)') is used by (.+): an entry an approved baseline used is not deleted; enter the corrected figure with its reason \(an audited revision\)$/,
    (m) => (has("ent.type." + m[1]) ? t("ent.type." + m[1]) : m[1]) + " của " + m[2] + " ngày " + m[3] + (m[4] ? " (ref " + m[4] + ")" : "") + " đã được dùng cho " + usedByWords(m[5]) + ": số liệu đường cơ sở đã phê duyệt dùng đến thì không xoá; hãy nhập số đúng kèm lý do (một lần sửa có kiểm toán)"],
  [/^the (\w+) of (\S+) on (\S+)(?: \((.*)\))? is used by (.+): a correction is an audited revision; give its reason$/,
    (m) => (has("ent.type." + m[1]) ? t("ent.type." + m[1]) : m[1]) + " của " + m[2] + " ngày " + m[3] + (m[4] ? " (ref " + m[4] + ")" : "") + " đã được dùng cho " + usedByWords(m[5]) + ": sửa số liệu này là một lần sửa có kiểm toán, hãy ghi lý do"],
  [/^one of (.+), got '(.*)'$/, (m) => "một trong " + m[1] + ", nhận được “" + m[2] + "”"],
  [/^resource (\S+) is metered \(meter (\S+)\): its quantity comes from the meter, not from entries$/,
    (m) => "tài nguyên " + m[1] + " được đo bằng công tơ (" + m[2] + "): số lượng lấy từ công tơ, không nhập tay"],
  [/^only an invoice carries an amount, not a (\w+)$/, (m) => "chỉ hoá đơn mới có số tiền, không phải " + (has("ent.type." + m[1]) ? t("ent.type." + m[1]) : m[1])],
  [/^unknown unit '(.*)' \(known: \[(.*)\]\)$/, (m) => "không có đơn vị “" + m[1] + "”: hãy dùng ký hiệu đơn vị (ví dụ t, kg, m3, kWh; các ký hiệu: " + m[2] + ")"],
  [/^not an ISO 4217 currency code \(VND, USD, EUR, …\): '(.*)'$/, (m) => "“" + m[1] + "” không phải mã tiền tệ ISO 4217 (VND, USD, EUR, …)"],
  [/^'(.*)' is ambiguous: a point before three digits separates thousands in Vietnamese and marks decimals in English: write (\S+) for the thousands, or (\S+) for the decimals$/,
    (m) => "“" + m[1] + "” chưa rõ nghĩa: dấu chấm trước ba chữ số là dấu phân cách hàng nghìn theo cách viết Việt Nam nhưng là dấu thập phân theo cách viết tiếng Anh: hãy viết " + m[2] + " nếu là hàng nghìn, hoặc " + m[3] + " nếu là số thập phân"],
  [/^no energy declared or metered for (\d+)$/, (m) => "chưa có năng lượng kê khai hoặc đo đếm của năm " + m[1]],
  [/^metered energy of (\d+) covers (.+): the year's TOE is understated$/,
    (m) => "năng lượng đo đếm năm " + m[1] + " chỉ có dữ liệu " + m[2].split(", ").map(x => x.replace(/^(\S+) (\d+) of (\d+) days$/,
      (_, c, n, all) => (has("carrier." + c) ? t("carrier." + c) : c) + " " + n + "/" + all + " ngày")).join(", ") + ": TOE của năm bị tính thiếu"],
  [/^not a finite number: '(.*)'$/, (m) => "không phải một số hữu hạn: “" + m[1] + "”"],
  [/^(a step is recorded once it happened|an assessment is recorded once it has begun|an option is implemented once it is in use); (\S+) is in the future$/,
    (m) => ({ "a step is recorded once it happened": "một bước chỉ được ghi khi đã diễn ra",
      "an assessment is recorded once it has begun": "một cuộc đánh giá chỉ được ghi khi đã bắt đầu",
      "an option is implemented once it is in use": "một giải pháp chỉ được coi là đã thực hiện khi đã đưa vào sử dụng" })[m[1]]
      + "; " + date(m[2]) + " là ngày trong tương lai"],
  [/^(\S+)'s period reports are still being collected \(deadline (\S+)\): close its reporting period first$/,
    (m) => "báo cáo kỳ " + m[1] + " của các cơ sở vẫn đang được thu thập (hạn nộp " + date(m[2]) + "): hãy đóng kỳ báo cáo trước"],
  [/^(\S+) is dated (\S+), in the future: attendance is recorded once the activity took place$/,
    (m) => m[1] + " có ngày " + date(m[2]) + ", trong tương lai: chỉ ghi nhận người tham dự khi hoạt động đã diễn ra"],
  [/^the activity is dated (\S+), in the future: give its attendance once it took place$/,
    (m) => "hoạt động có ngày " + date(m[1]) + ", trong tương lai: chỉ ghi số người tham dự khi hoạt động đã diễn ra"],
  [/^the columns are separated by (';'|tabs), not commas: save the file as "CSV UTF-8 \(comma delimited\)"$/,
    (m) => "các cột được phân cách bằng " + (m[1] === "tabs" ? "dấu tab" : "dấu ;") + " thay vì dấu phẩy: hãy lưu tệp dạng “CSV UTF-8 (comma delimited)”"],
  [/^the file is not UTF-8 text .*$/, () => "tệp không phải văn bản UTF-8 (tệp “Unicode text” là UTF-16): hãy lưu tệp dạng “CSV UTF-8 (comma delimited)”"],
  [/^(\S+) is converted from (.+) \(or a unit of the same kind, or an energy unit\), got '(.*)'$/,
    (m) => m[1] + " được quy đổi từ " + m[2] + " (hoặc một đơn vị cùng loại, hoặc một đơn vị năng lượng), nhận được “" + m[3] + "”"],
  [/^not a non-negative amount \(digits, an optional '\.' and decimals\): '([^']*)'(?:: write (\S+) \(a point for the decimals, no thousands separators\))?$/,
    (m) => "không phải số tiền không âm (chữ số, phần thập phân sau dấu chấm): “" + m[1] + "”"
      + (m[2] ? ": hãy ghi " + m[2] + " (dấu chấm cho phần thập phân, không dùng dấu phân cách hàng nghìn)" : "")],
  [/^(\d+) cells, the header has (\d+)(?: \(a number with a decimal comma is two cells unless quoted: write 43257\.5, or "43257,5"\))?$/,
    (m) => "dòng có " + m[1] + " ô, dòng tiêu đề có " + m[2] + " cột"
      + (Number(m[1]) > Number(m[2]) ? " (số thập phân viết bằng dấu phẩy mà không đặt trong ngoặc kép bị tách thành hai ô: hãy ghi 43257.5 hoặc \"43257,5\")" : "")],
  [/^a stock count of (\S+) on (\S+) is already stored (?:without a ref|with ref '(.*)'): a day has one stock count; send it with (?:no ref|ref '.*') to correct it, got (?:no ref|ref '(.*)')$/,
    (m) => "lần kiểm kê " + m[1] + " ngày " + date(m[2]) + " đã được lưu " + (m[3] != null ? "với số chứng từ “" + m[3] + "”" : "không có số chứng từ")
      + ": mỗi ngày chỉ có một lần kiểm kê; để sửa, hãy gửi " + (m[3] != null ? "với số chứng từ “" + m[3] + "”" : "không kèm số chứng từ")
      + ", đã nhận " + (m[4] != null ? "số chứng từ “" + m[4] + "”" : "không có số chứng từ")],
  [/^(\S+): delivery note (\S+) is entered on (\d+) days \((.*)\): one of them may be the same delivery entered twice$/,
    (m) => m[1] + ": phiếu giao nhận " + m[2] + " được nhập vào " + m[3] + " ngày (" + m[4].split(", ").map(date).join(", ") + "): có thể cùng một lần giao được nhập hai lần"],
  [/^(\S+): invoice ?(\S*) of (\S+) (\S+) on (\S+) and delivery note ?(\S*) of (\S+) (\S+) on (\S+) are both counted as received: if they are one shipment, keep one of them \(the invoice carries its amount\)$/,
    (m) => m[1] + ": hoá đơn " + (m[2] ? m[2] + " " : "") + num(m[3], 6) + " " + m[4] + " ngày " + date(m[5]) + " và phiếu giao nhận " + (m[6] ? m[6] + " " : "")
      + num(m[7], 6) + " " + m[8] + " ngày " + date(m[9]) + " đều được tính là nhập kho: nếu là cùng một lô hàng, chỉ giữ một (hoá đơn có số tiền)"],
  [/^cannot convert (\S+) \((\w+)\) to (\S+) \((\w+)\): .*$/, (m) => "không đổi được " + m[1] + " sang " + m[3] + ": khác loại đại lượng"],
  [/^product (\S+) is made on line (\S+), not '(.*)'$/, (m) => "sản phẩm " + m[1] + " được sản xuất trên dây chuyền " + m[2] + ", không phải “" + m[3] + "”"],
  [/^a date with a time of day \((.*)\): give the day only$/, (m) => "ngày có kèm giờ (" + m[1] + "): chỉ ghi ngày"],
  [/^(\S+): period (\S+)\.\.(\S+): used = opening (\S+) \+ deliveries (\S+) - closing (\S+) = (\S+) (\S+), below zero.*$/,
    (m) => m[1] + ": kỳ " + m[2] + ".." + m[3] + ": lượng dùng = tồn đầu " + num(m[4], 6) + " + nhập " + num(m[5], 6) + " − tồn cuối " + num(m[6], 6) + " = " + num(m[7], 6) + " " + m[8] + ", âm: xem lại lần kiểm kê hoặc các lần giao nhận"],
  [/^(\S+): an opening and a closing stock count are needed, there is (?:none|only the count of (\S+))$/,
    (m) => m[1] + ": cần một lần kiểm kê tồn kho đầu kỳ và một lần cuối kỳ, " + (m[2] ? "mới chỉ có lần kiểm kê ngày " + date(m[2]) : "chưa có lần nào")],
  [/^unknown product '(.*)'$/, (m) => "không có sản phẩm “" + m[1] + "” của doanh nghiệp"],
  [/^unknown resource '(.*)' \(declared: \[(.*)\]\)$/, (m) => "không có tài nguyên “" + m[1] + "” (đã khai báo: " + m[2] + ")"],
  [/^unknown column; the columns are (.+)$/, (m) => "cột không thuộc tệp này; các cột là " + m[1]],
  [/^missing column \(header is \[(.*)\]\)$/, (m) => "thiếu cột (dòng tiêu đề là: " + m[1] + ")"],
  [/^the file has no data rows$/, () => "tệp không có dòng dữ liệu"],
  [/^not an ISO date: '(.*)' \(e\.g\. (\S+)\)$/, (m) => "không phải ngày dạng ISO: “" + m[1] + "” (ví dụ " + m[2] + ")"],
  [/^a date \((.*)\), not a quantity$/, (m) => "một ngày (" + m[1] + "), không phải số lượng"],
  [/^duplicate: stock_count of (\S+) on (\S+) is also at row (\d+).*$/, (m) => "trùng: kiểm kê tồn kho " + m[1] + " ngày " + m[2] + " cũng có ở dòng " + m[3] + " (mỗi ngày chỉ một lần kiểm kê tồn kho)"],
  [/^duplicate: product (\S+) on (\S+) is also at row (\d+)$/, (m) => "trùng: sản phẩm " + m[1] + " ngày " + m[2] + " cũng có ở dòng " + m[3]],
  [/^duplicate: (\w+) of (\S+) on (\S+)( ref (.+))? is also at row (\d+).*$/, (m) => "trùng: " + m[1] + " của " + m[2] + " ngày " + m[3] + (m[5] ? " ref " + m[5] : "") + " cũng có ở dòng " + m[6] + " (mỗi lần giao nhận trong ngày cần một ref riêng)"],
  [/^duplicate: (.+) is also at row (\d+)(.*)$/, (m) => "trùng: " + m[1] + " cũng có ở dòng " + m[2]
    + (m[3].includes("one stock count") ? " (mỗi ngày chỉ một lần kiểm kê tồn kho)" : m[3].includes("own ref") ? " (mỗi lần giao nhận trong ngày cần một ref riêng)" : "")],
  [/^must be after the approved baseline period \((\S+)\.\.(\S+)\): a non-routine adjustment corrects the reporting period, got (\S+)$/,
    (m) => "phải sau kỳ cơ sở đã được phê duyệt (" + m[1] + ".." + m[2] + "): điều chỉnh ngoài thường lệ hiệu chỉnh kỳ báo cáo, nhận được " + m[3]],
  [/^must not be before (\w+) \(([^)]+)\), got (\S+)$/,
    (m) => "không được trước " + (FIELD_VI[m[1]] || m[1]) + " (" + m[2] + "), nhận được " + m[3]],
  [/^the dossier with SHA-256 (\S+) was made before the period's data changed \((.*)\): .*$/,
    (m) => "hồ sơ có SHA-256 " + m[1] + " được tạo trước khi dữ liệu của kỳ thay đổi ("
      + m[2].replace("a production figure of the period was revised", "một số liệu sản lượng của kỳ đã được sửa")
        .replace("data arrived for days of the period that were already sealed", "có dữ liệu đến muộn cho những ngày của kỳ đã được niêm phong")
        .replace("a meter replacement or multiplier change of the period was recorded or deleted", "một lần thay công tơ hoặc đổi hệ số nhân trong kỳ đã được ghi nhận hoặc xoá")
      + "): hãy tải lại hồ sơ của kỳ rồi ký xác nhận mã băm của hồ sơ mới"],
  [/^this server issued no dossier with SHA-256 (\S+) for EnPI (\S+), baseline version (\d+) and (\S+)\.\.(\S+): .*$/,
    (m) => "máy chủ chưa cấp hồ sơ nào có SHA-256 " + m[1] + " cho EnPI " + m[2] + ", đường cơ sở phiên bản " + m[3]
      + " và kỳ " + m[4] + ".." + m[5] + ": hãy tải hồ sơ của kỳ rồi ký xác nhận đúng mã băm của hồ sơ đó"],
  [/^the baseline period (\S+)\.\.(\S+) has no day with both energy and production( and a mean temperature)?$/,
    (m) => "kỳ cơ sở " + m[1] + ".." + m[2] + " không có ngày nào có cả năng lượng và sản lượng" + (m[3] ? " và nhiệt độ trung bình" : "")],
  // the upload's file as a whole (entries and production): empty, unreadable, cells without a header
  [/^the file is empty \(a header row is required\)$/, () => "tệp trống (cần có dòng tiêu đề)"],
  [/^the first sheet is empty \(a header row is required\)$/, () => "trang tính đầu tiên trống (cần có dòng tiêu đề)"],
  [/^not a readable CSV file(?: at line (\d+))?: a quoted cell is not closed, or has text after its closing quote \(RFC 4180\)$/,
    (m) => "không đọc được tệp CSV" + (m[1] ? " ở dòng " + m[1] : "") + ": có ô mở dấu ngoặc kép mà không đóng, hoặc có chữ sau dấu ngoặc kép đóng (RFC 4180)"],
  [/^not a readable XLSX file: (.*)$/, (m) => "không đọc được tệp XLSX: " + ({
    "not an Office Open XML workbook (.xlsx), or a damaged one": "không phải sổ làm việc Office Open XML (.xlsx), hoặc tệp bị hỏng",
    "an entry expands beyond 32 MiB or more than 100 times its packed size, or the archive has more than 1000 entries: refused as a zip bomb":
      "một thành phần khi giải nén vượt quá 32 MiB hoặc gấp hơn 100 lần kích thước nén, hoặc tệp nén có hơn 1000 thành phần: bị từ chối vì có thể là “zip bomb”" })[m[1]] || m[1]],
  [/^a value in a column without a header: '(.*)'$/, (m) => "có giá trị trong một cột không có tiêu đề: “" + m[1] + "”"],
  // a day cell that is a number (a date cell formatted as a number): the file wants yyyy-mm-dd, so
  // no example day is given (a Vietnamese page writes days dd/mm/yyyy)
  [/^a number(?: \((.*)\))?, not a date: (write|format the cell as a date or write) an ISO date \(e\.g\. \S+\)$/,
    (m) => "một số" + (m[1] ? " (" + m[1] + ")" : "") + ", không phải ngày: "
      + (m[2] === "write" ? "hãy ghi ngày dạng yyyy-mm-dd" : "hãy định dạng ô là kiểu ngày, hoặc ghi ngày dạng yyyy-mm-dd")],
  [/^a currency without an amount$/, () => "có tiền tệ nhưng không có số tiền"],
  [/^a date \((.*)\), not an amount$/, (m) => "một ngày (" + m[1] + "), không phải số tiền"],
  [/^more than (\d+) data rows$/, (m) => "tệp có hơn " + num(Number(m[1]), 0) + " dòng dữ liệu: hãy chia thành nhiều tệp"],
  [/^the first sheet has more than (\d+) data rows: split it into files of at most (\d+) rows$/,
    (m) => "trang tính đầu tiên có hơn " + num(Number(m[1]), 0) + " dòng dữ liệu: hãy chia thành các tệp, mỗi tệp tối đa " + num(Number(m[2]), 0) + " dòng"],
  [/^not a day of the years 0001 to 9999: '(.*)'$/, (m) => "không phải một ngày trong các năm 0001 đến 9999: “" + m[1] + "”"],
  // the meter page's counter events and calibrations
  [/^channel '(.*)' of meter '(.*)' already has an event at (\S+); delete it first to record another$/,
    (m) => "kênh “" + m[1] + "” của công tơ “" + m[2] + "” đã có một sự kiện lúc " + (isNaN(Date.parse(m[3])) ? m[3] : dateTime(m[3]))
      + ": muốn ghi sự kiện khác, hãy xoá sự kiện đó trước"],
  [/^unit '(.*)' cannot be converted to the unit of channel '(.*)' \((\S+), published as (\S+)\)$/,
    (m) => "đơn vị “" + m[1] + "” không quy đổi được sang đơn vị của kênh “" + m[2] + "” (" + m[3] + ", kênh gửi dữ liệu theo " + m[4] + ")"],
  [/^must be positive, got (\S+)$/, (m) => "phải lớn hơn 0, nhận được " + m[1]],
  [/^calibration record (\d+) was corrected already: correct the correction$/,
    (m) => "bản ghi hiệu chuẩn số " + m[1] + " đã được đính chính: hãy đính chính bản ghi đính chính của nó"],
  // an attached file (a calibration certificate, an adjustment's or a CP step's evidence)
  [/^at most (\d+) bytes(?: \(decoded\)| once decoded|, got (\d+))$/,
    (m) => "tệp tối đa " + m[1] + " byte" + (Number(m[1]) % 1024 === 0 ? " (" + Number(m[1]) / 1024 + " KiB)" : "")
      + (m[2] ? ", nhận được " + m[2] + " byte" : "")],
  [/^(?:the file is empty|an empty file)$/, () => "tệp trống"],
  // the verification page: a step the baseline's or the adjustment's state no longer allows (a
  // second click, another auditor first), a hash pasted wrong, a fit without enough data
  [/^baseline version (\d+) is (\w+): only a (.+) baseline can be (submitted|approved|returned)$/,
    (m) => "đường cơ sở phiên bản " + m[1] + " đang ở trạng thái “" + baselineState(m[2]) + "”: chỉ đường cơ sở ở trạng thái "
      + m[3].split(" or ").map(s => "“" + baselineState(s) + "”").join(" hoặc ") + " mới được "
      + ({ submitted: "gửi duyệt", approved: "phê duyệt", returned: "trả lại" })[m[4]]],
  [/^baseline version (\d+) is (\w+): a period is signed off against an approved baseline only$/,
    (m) => "đường cơ sở phiên bản " + m[1] + " đang ở trạng thái “" + baselineState(m[2]) + "”: chỉ ký xác nhận kỳ theo một đường cơ sở đã được phê duyệt"],
  [/^adjustment (\d+) is (\w+): only a proposed adjustment can be (approved|rejected); propose a new one$/,
    (m) => "điều chỉnh ngoài thường lệ số " + m[1] + " đang ở trạng thái “" + (has("ver.adj.status." + m[2]) ? t("ver.adj.status." + m[2]) : m[2])
      + "”: chỉ điều chỉnh đang đề xuất mới được " + (m[3] === "approved" ? "phê duyệt" : "từ chối") + "; hãy đề xuất một điều chỉnh mới"],
  [/^baseline version (\d+), newer than (\d+), is approved already: approve the newest version only$/,
    (m) => "đường cơ sở phiên bản " + m[1] + ", mới hơn phiên bản " + m[2] + ", đã được phê duyệt: chỉ phê duyệt phiên bản mới nhất"],
  [/^a percentage above -100 and below 1000$/, () => "một tỷ lệ phần trăm lớn hơn -100 và nhỏ hơn 1000"],
  [/^a period of at most (\d+) days$/, (m) => "một kỳ dài tối đa " + num(Number(m[1]), 0) + " ngày"],
  // the province's CP page editor (cp-edit)
  [/^(\S+) has attendees recorded: it took place and is not moved to (\S+), a day in the future$/,
    (m) => m[1] + " đã có người tham dự được ghi nhận: hoạt động đã diễn ra, không dời sang " + date(m[2]) + ", một ngày trong tương lai"],
  [/^a half-year 2026-H1 or a year 2026, got '(.*)'$/, (m) => "nửa năm (ví dụ 2026-H1) hoặc một năm (ví dụ 2026), nhận được “" + m[1] + "”"],
  [/^(\S+) is not closed: it ends on (\S+), not yet passed$/, (m) => "kỳ " + m[1] + " chưa kết thúc: kỳ kết thúc ngày " + date(m[2]) + ", chưa qua"],
  [/^nothing of (\S+) to withdraw$/, (m) => "kỳ " + m[1] + " chưa có gì được công bố để rút lại"],
  [/^no facility was in the programme in (\S+): nothing to publish$/, (m) => "không có cơ sở nào trong chương trình ở kỳ " + m[1] + ": không có gì để công bố"],
  [/^a fitted balance point is found by the change-point search: model auto or changepoint, or state weather\.balance_point$/,
    () => "điểm cân bằng nhiệt độ được tìm bằng phép dò điểm gãy: hãy chọn mô hình auto hoặc changepoint, hoặc nêu weather.balance_point"],
  [/^ratio model: total '(.*)' over the baseline is 0$/, (m) => "mô hình tỷ số: tổng “" + m[1] + "” trong kỳ cơ sở bằng 0"],
  [/^a span is at most (\d+) days$/, (m) => "một khoảng thời gian dài tối đa " + num(Number(m[1]), 0) + " ngày"],
  [/^a list of 1 to (\d+) names is required$/, (m) => "bắt buộc: một danh sách từ 1 đến " + m[1] + " tên"],
  [/^each name must be 1 to 200 printable characters$/, () => "mỗi tên phải dài từ 1 đến 200 ký tự in được"],
  [/^must be the SHA-256 of the dossier: 64 hexadecimal digits$/, () => "phải là mã SHA-256 của hồ sơ: 64 chữ số thập lục phân"],
  [/^the baseline needs at least two periods, it has (\d+)$/, (m) => "đường cơ sở cần số liệu của ít nhất hai kỳ, mới có " + m[1]],
  [/^(ratio|ols|changepoint-\S+) model: (\d+) baseline points for (\d+) parameters; at least (\d+) are needed$/,
    (m) => "mô hình " + modelName(m[1]) + ": kỳ cơ sở có " + m[2] + " điểm số liệu cho " + m[3] + " tham số; cần ít nhất " + m[4]],
  [/^(ratio|ols|changepoint-\S+): the variables are constant or collinear over the baseline$/,
    (m) => "mô hình " + modelName(m[1]) + ": các biến không đổi hoặc phụ thuộc tuyến tính lẫn nhau (đa cộng tuyến) trong kỳ cơ sở"],
  // the programme page: the same training recorded twice
  [/^course '(.*)' on (\S+) is already recorded$/, (m) => "khoá học “" + m[1] + "” ngày " + date(m[2]) + " đã được ghi nhận"],
  // tokens and accounts
  [/^a name of (\d+) to (\d+) printable characters is required$/, (m) => "bắt buộc: một tên dài từ " + m[1] + " đến " + m[2] + " ký tự in được"],
  [/^must be in the future and at most (\d+) days away$/, (m) => "phải là thời điểm trong tương lai, không quá " + m[1] + " ngày kể từ bây giờ"],
  [/^must be an ISO-8601 instant in the years 0001 to 9999, such as (\S+)$/, (m) => "phải là một thời điểm ISO-8601, ví dụ " + m[1]],
  [/^current_password and new_password are required$/, () => "cần nhập cả mật khẩu hiện tại và mật khẩu mới"],
  [/^required \(an ISO date such as (.+)\)$/, (m) => "bắt buộc (một ngày, ví dụ " + m[1] + ")"],
  [/^must be one of (.+), got '(.*)'$/, (m) => "phải là một trong: " + m[1] + ", nhận được “" + m[2] + "”"],
  [/^must be one of (.+)$/, (m) => "phải là một trong: " + m[1]],
  [/^is in the future \(([^;)]+)(?:; today is ([^)]+))?\).*$/,
    (m) => m[1] + " là ngày trong tương lai" + (m[2] ? " (hôm nay là " + m[2] + ")" : "") + ": chỉ ghi khi đã xảy ra"],
  [/^must be an ISO date in the years 0001 to 9999, such as (\S+), got '(.*)'$/,
    (m) => "phải là một ngày dạng " + m[1] + ", nhận được “" + m[2] + "”"],
  [/^must be an ISO-8601 instant .*, got '(.*)'$/, (m) => "phải là một thời điểm ISO-8601, nhận được “" + m[1] + "”"],
  [/^must be a date (\S+), got '(.*)'$/, (m) => "phải là một ngày dạng " + m[1] + ", nhận được “" + m[2] + "”"],
  [/^must be a date (\S+)$/, (m) => "phải là một ngày dạng " + m[1]],
  [/^must be an instant such as (\S+)$/, (m) => "phải là một thời điểm, ví dụ " + m[1]],
  [/^must be an integer, got '(.*)'$/, (m) => "phải là số nguyên, nhận được “" + m[1] + "”"],
  [/^must be a whole number.*$/, () => "phải là số nguyên"],
  [/^must be between (\S+) and (\S+), got (.+)$/, (m) => "phải từ " + m[1] + " đến " + m[2] + ", nhận được " + m[3]],
  [/^must be a (finite )?number.*$/, () => "phải là một số"],
  [/^must be true or false.*$/, () => "phải là đúng hoặc sai"],
  [/^must be a string.*$/, () => "phải là văn bản"],
  [/^(must not be empty|must not be blank|empty cell)$/, () => "không được để trống"],
  [/^(?:must be )?at most (\d+) (?:printable )?characters.*$/, (m) => "tối đa " + m[1] + " ký tự"],
  [/^must be at least (\d+) characters(?:, got \d+)?$/, (m) => "tối thiểu " + m[1] + " ký tự"],
  [/^must be at most (\S+), got (\S+)$/, (m) => "không được lớn hơn " + m[1] + ", nhận được " + m[2]],
  [/^must be at least (\S+), got (\S+)$/, (m) => "không được nhỏ hơn " + m[1] + ", nhận được " + m[2]],
  [/^must be below (\S+), got (\S+)$/, (m) => "phải nhỏ hơn " + m[1] + ", nhận được " + m[2]],
  [/^must be above (\S+), got (\S+)$/, (m) => "phải lớn hơn " + m[1] + ", nhận được " + m[2]],
  [/^must be an integer, got .*$/, () => "phải là số nguyên"],
  [/^must be text$/, () => "phải là văn bản"],
  [/^must not contain control characters$/, () => "không được chứa ký tự điều khiển"],
  [/^a date between (\d+) and (\d+), got (.*)$/, (m) => "phải là một ngày từ năm " + m[1] + " đến năm " + m[2] + ", nhận được “" + m[3] + "”"],
  [/^must not contain the username$/, () => "không được chứa tên đăng nhập"],
  [/^must differ from the current password$/, () => "phải khác mật khẩu hiện tại"],
  [/^is not a field here \(this (?:body|object) takes (.+)\)$/, (m) => "không phải là một trường ở đây (ở đây nhận: " + m[1] + ")"],
  [/^is not a field here.*$/, () => "không phải là một trường của yêu cầu này"],
  [/^is not a parameter of this request.*$/, () => "không phải là một tham số của yêu cầu này"],
  [/^is malformed$/, () => "không đúng định dạng"],
  [/^must match (.+)$/, (m) => "không đúng dạng cho phép (" + m[1] + ")"],
  [/^a temperature in °C between (\S+) and (\S+), got (.*)$/, (m) => "phải là một nhiệt độ (°C) từ " + m[1] + " đến " + m[2] + ", nhận được “" + m[3] + "”"],
  [/^required: cdd or hdd$/, () => "bắt buộc: cdd (độ-ngày làm mát) hoặc hdd (độ-ngày sưởi)"],
  [/^cdd or hdd \(degree days of the site's daily mean temperature\)$/, () => "phải là cdd hoặc hdd (độ-ngày theo nhiệt độ trung bình ngày của nhà máy)"],
  [/^meter (\S+) has no calibration record (\S+)$/, (m) => "công tơ " + m[1] + " không có bản ghi hiệu chuẩn số " + m[2]],
  [/^must be a register reading >= 0, got (.*)$/, (m) => "phải là một chỉ số đọc của công tơ >= 0, nhận được “" + m[1] + "”"],
  [/^ends \((\S+)\) before the calibration \(calibrated_on (\S+)\)$/, (m) => "kết thúc (" + m[1] + ") trước ngày hiệu chuẩn (calibrated_on " + m[2] + ")"],
  [/^the saving period ends before it starts$/, () => "kỳ tiết kiệm kết thúc trước khi bắt đầu"],
  [/^unknown field$/, () => "không phải là một trường của yêu cầu này"],
  // what a request that is not a page's form gets (a program's, a hand-made one's): the JSON's
  // kinds, control characters, a missing record (refusals.mjs lists the rest, still English)
  [/^must be (text|an object|a list), got (a number|text|a list|an object|true or false|nothing)$/,
    (m) => "phải là " + KIND_VI[m[1]] + ", nhận được " + (m[2] === "nothing" ? "giá trị rỗng (null)" : KIND_VI[m[2]])],
  [/^a number beyond the range of a double$/, () => "một số vượt quá phạm vi số thực (double)"],
  [/^must not contain U\+0000 \(NUL\)$/, () => "không được chứa ký tự U+0000 (NUL)"],
  [/^control characters \(such as U\+0000\) and malformed percent-encoding are not allowed$/,
    () => "không được chứa ký tự điều khiển (như U+0000) hoặc mã hoá phần trăm sai dạng"],
  [/^(?:must be a JSON object|a JSON object is required)$/, () => "phải là một đối tượng JSON"],
  [/^not valid JSON(?: \(line (\d+), column (\d+)\))?$/,
    (m) => "không phải JSON hợp lệ" + (m[1] ? " (dòng " + m[1] + ", cột " + m[2] + ")" : "")],
  [/^nests arrays and objects too deeply \(at most (\d+) levels\)$/,
    (m) => "mảng và đối tượng lồng nhau quá sâu (tối đa " + num(Number(m[1]), 0) + " cấp)"],
  [/^each (?:quantity|entry) is an object$/, () => "mỗi phần tử phải là một đối tượng JSON"],
  [/^unknown field; known: (.+)$/, (m) => "không phải là một trường ở đây (ở đây nhận: " + m[1] + ")"],
  [/^not allowed for role (\w+)$/, (m) => "vai trò “" + roleName(m[1]) + "” không được làm việc này"],
  [/^only for tokens with role (\w+)$/, (m) => "chỉ dành cho khoá truy cập có vai trò “" + roleName(m[1]) + "”"],
  [/^(\S*) is a (\w+); only a district_officer has districts$/,
    (m) => m[1] + " có vai trò “" + roleName(m[2]) + "”; chỉ " + roleName("district_officer").toLowerCase() + " mới có danh sách huyện"],
  [/^is required for enterprise roles and only for them$/,
    () => "bắt buộc với vai trò của doanh nghiệp, và chỉ dùng cho các vai trò đó"],
  [/^required for enterprise roles and auditors, refused otherwise \(an area officer's token reads districts or parks\)$/,
    () => "bắt buộc với vai trò của doanh nghiệp và kiểm toán viên, các vai trò khác không dùng (khoá của cán bộ huyện hoặc khu công nghiệp đọc theo danh sách huyện hoặc khu)"],
  [/^give either districts or parks \(a list of names\)$/, () => "hãy nêu danh sách huyện (districts) hoặc danh sách khu công nghiệp (parks)"],
  [/^must be a list of names$/, () => "phải là một danh sách tên"],
  [/^invalid username or password$/, () => "sai tên đăng nhập hoặc mật khẩu"],
  [/^too many failed sign-ins; try later$/, () => "đăng nhập sai quá nhiều lần; hãy thử lại sau"],
  [/^only a signed-in account has a password$/, () => "chỉ tài khoản đăng nhập mới có mật khẩu"],
  [/^not found$/, () => "không tìm thấy"],
  [/^no such operation: (\S+) (\S+)$/, (m) => "không có thao tác " + m[1] + " " + m[2]],
  [/^(?:enterprise '(.*)' not found|no enterprise (.*))$/, (m) => "không có doanh nghiệp “" + (m[1] ?? m[2]) + "”"],
  [/^site '(.*)' not found in enterprise '(.*)'$|^no site '(.*)' in enterprise (\S+)$/,
    (m) => "doanh nghiệp “" + (m[2] ?? m[4]) + "” không có nhà máy “" + (m[1] ?? m[3]) + "”"],
  [/^no site '(.*)'$/, (m) => "không có nhà máy “" + m[1] + "”"],
  [/^meter '(.*)' of enterprise '(.*)' not found$|^no meter (\S*) of enterprise (\S*)$/,
    (m) => "doanh nghiệp “" + (m[2] ?? m[4]) + "” không có công tơ “" + (m[1] ?? m[3]) + "”"],
  [/^channel '(.*)' of meter '(.*)' not found$/, (m) => "công tơ “" + m[2] + "” không có kênh “" + m[1] + "”"],
  [/^counter event (\S+) of channel '(.*)' not found$/, (m) => "kênh “" + m[2] + "” không có sự kiện công tơ số " + m[1]],
  [/^no product '?(.*?)'?$/, (m) => "không có sản phẩm “" + m[1] + "”"],
  [/^no line '(.*)' in (\S+)$/, (m) => "doanh nghiệp “" + m[2] + "” không có dây chuyền “" + m[1] + "”"],
  [/^EnPI (\S+): no (meter|product) '(.*)' in (\S+)$/,
    (m) => "EnPI " + m[1] + ": doanh nghiệp “" + m[4] + "” không có " + (m[2] === "meter" ? "công tơ" : "sản phẩm") + " “" + m[3] + "”"],
  [/^EnPI (\S+) adds no meter$/, (m) => "EnPI " + m[1] + " không cộng công tơ nào"],
  [/^EnPI (\S+) covers no product$/, (m) => "EnPI " + m[1] + " không tính cho sản phẩm nào"],
  [/^no EnPI '?([^' ]*)'?(?: in enterprise (\S+))?$/, (m) => "không có EnPI “" + m[1] + "”" + (m[2] ? " của doanh nghiệp “" + m[2] + "”" : "")],
  [/^(?:EnPI (\S+)(?: of (\S+))? has no|no) baseline version (\d+)$/,
    (m) => (m[1] ? "EnPI " + m[1] + (m[2] ? " của doanh nghiệp “" + m[2] + "”" : "") + " không có" : "không có") + " đường cơ sở phiên bản " + m[3]],
  [/^EnPI (\S+) has no approved baseline: .*$/,
    (m) => "EnPI " + m[1] + " chưa có đường cơ sở được phê duyệt: hồ sơ nêu mức tiết kiệm đã xác minh so với một đường cơ sở đã phê duyệt (hoặc nêu một phiên bản bằng ?baseline=)"],
  [/^no adjustment (\S+) of EnPI (\S+)$/, (m) => "EnPI " + m[2] + " không có điều chỉnh ngoài thường lệ số " + m[1]],
  [/^no baseline version (\d+) of resource (\S+)$/, (m) => "tài nguyên " + m[2] + " không có đường cơ sở phiên bản " + m[1]],
  [/^no resource (\S+) of (\S+)$/, (m) => "doanh nghiệp “" + m[2] + "” không có tài nguyên " + m[1]],
  [/^quarantined message (\S+) not found or (?:already released|no longer in quarantine)$/,
    (m) => "không có bản tin số " + m[1] + " trong khu cách ly (hoặc bản tin đã được xử lý lại)"],
  [/^facility (\S+) not found in the registry$/, (m) => "cơ sở " + m[1] + " không có trong sổ đăng ký chương trình"],
  [/^no facility of the registry lies in (district|park) (.*)$/,
    (m) => "không có cơ sở nào trong sổ đăng ký thuộc " + (m[1] === "district" ? "huyện" : "khu công nghiệp") + " “" + m[2].trim() + "”"],
  [/^no attachment of step (\S+) of (\S+)$/, (m) => "bước số " + m[1] + " của " + m[2] + " không có tệp đính kèm"],
  [/^CP assessment (\S+) not found$/, (m) => "không có cuộc đánh giá SXSH “" + m[1] + "”"],
  [/^no account (.*)$/, (m) => "không có tài khoản “" + m[1].trim() + "”"],
  [/^no entry (-?\d+) in the measures catalogue$/, (m) => "danh mục giải pháp không có mục số " + m[1]],
  [/^no entry: the (\w+) of (\S+) on (\S+) without a ref is not stored; stored that day: (.*)$/,
    (m) => "không có số liệu: " + (has("ent.type." + m[1]) ? t("ent.type." + m[1]) : m[1]) + " của " + m[2] + " ngày " + m[3] + " không kèm số chứng từ chưa được lưu; ngày đó đã lưu: " + m[4]],
  // the hint a field's refusal gives of what it takes
  [/^an? (enterprise id|EnPI code|site id|site code|meter code|product code|resource name \(lower case, digits, _\)|resource such as electricity), got '(.*)'$/,
    (m) => ({ "enterprise id": "mã doanh nghiệp", "EnPI code": "mã EnPI", "site id": "mã nhà máy", "site code": "mã nhà máy",
      "meter code": "mã công tơ", "product code": "mã sản phẩm", "resource such as electricity": "một tài nguyên, ví dụ electricity" })[m[1]]
      ?.replace(/^/, "phải là ")?.concat(", nhận được “" + m[2] + "”")
      ?? "phải là tên tài nguyên (chữ thường, chữ số, _), nhận được “" + m[2] + "”"],
  [/^(\w+) '(.*)' does not match (\S+)$/, (m) => "“" + m[2] + "” không đúng dạng cho phép (" + m[3] + ")"],
  [/^an e-mail address, got '(.*)'$/, (m) => "phải là một địa chỉ e-mail, nhận được “" + m[1] + "”"],
  [/^not an IANA time zone: '(.*)'$/, (m) => "“" + m[1] + "” không phải múi giờ IANA (ví dụ Asia/Ho_Chi_Minh)"],
  [/^an ISO 4217 code such as VND, got '(.*)'$/, (m) => "phải là mã tiền tệ ISO 4217, ví dụ VND, nhận được “" + m[1] + "”"],
  [/^a carrier as named in the conversion table(?: \(.*\))?, got '(.*)'$/,
    (m) => "phải là một dạng năng lượng theo tên trong bảng quy đổi (ví dụ electricity, coal_grade_3_4), nhận được “" + m[1] + "”"],
  [/^unknown UNECE unit code '(.*)'$/, (m) => "không có mã đơn vị UNECE “" + m[1] + "”"],
  [/^channel (\S+) counts (\S+) \((\S+)\), not (.*)$/, (m) => "kênh " + m[1] + " đếm theo " + m[2] + " (" + m[3] + "), không phải " + m[4]],
  [/^a media type such as application\/pdf(?:, got '(.*)')?$/,
    (m) => "phải là một kiểu tệp (media type), ví dụ application/pdf" + (m[1] != null ? ", nhận được “" + m[1] + "”" : "")],
  [/^must be base64$|^not base64 \(RFC 4648\)$/, () => "phải là nội dung tệp mã hoá base64 (RFC 4648)"],
  [/^required: the file, base64-encoded$/, () => "bắt buộc: nội dung tệp, mã hoá base64"],
  [/^a file name of (\d+) to (\d+) characters$/, (m) => "tên tệp dài từ " + m[1] + " đến " + m[2] + " ký tự"],
  [/^a date between (\d+) and (\d+)$/, (m) => "phải là một ngày từ năm " + m[1] + " đến năm " + m[2]],
  [/^(\d+) problem\(s\) in the file; nothing stored$/, (m) => "tệp có " + m[1] + " lỗi; chưa lưu gì"],
  [/^the file's rows are not those previewed \(their upload_id is (\S+)\)$/,
    (m) => "các dòng của tệp không phải các dòng đã xem trước (upload_id của chúng là " + m[1] + "): hãy xem trước lại tệp"],
  [/^the upload_id of the preview is required$/, () => "bắt buộc: upload_id của lần xem trước"],
  [/^(?:scope reference|meter id) must not be blank$/, () => "không được để trống"],
  [/^must be the id of a calibration record$/, () => "phải là số của một bản ghi hiệu chuẩn"],
  [/^not for a (\w+): give closing_value and opening_value$/,
    (m) => "không dùng cho sự kiện " + (m[1] === "replacement" ? "thay công tơ" : m[1]) + ": hãy ghi closing_value (chỉ số cuối) và opening_value (chỉ số đầu)"],
  [/^only a refitted_term names a variable$/, () => "chỉ điều chỉnh loại refitted_term mới nêu biến (variable)"],
  [/^give both coordinates or neither$/, () => "hãy ghi cả hai toạ độ hoặc không ghi toạ độ nào"],
  [/^the day the enterprise leaves the programme \(with left_reason\)$/, () => "ngày doanh nghiệp rời chương trình (kèm lý do, left_reason)"],
  [/^how the facility became aware: workshop, visit or material$/,
    () => "cơ sở biết đến SXSH qua đâu: workshop (hội thảo), visit (tham quan) hoặc material (tài liệu)"],
  [/^only a (potential_assessed|savings_verified) step (?:says potential|names a saving)$/,
    (m) => m[1] === "potential_assessed" ? "chỉ bước potential_assessed (đã đánh giá tiềm năng) mới ghi tiềm năng" : "chỉ bước savings_verified (đã xác minh tiết kiệm) mới nêu một mức tiết kiệm"],
  [/^a saving of (\S+) over (\S+)\.\.(\S+) is already recorded as (\S+) \(saving (\d+)\): .*$/,
    (m) => "mức tiết kiệm " + (has("carrier." + m[1]) ? t("carrier." + m[1]) : m[1]) + " của kỳ " + m[2] + ".." + m[3] + " đã được ghi cho " + m[4]
      + " (mức tiết kiệm số " + m[5] + "): mỗi dạng năng lượng và kỳ chỉ một mức tiết kiệm, nếu không năng lượng bị tính hai lần"],
  [/^required for an energy saving$/, () => "bắt buộc với mức tiết kiệm năng lượng"],
  [/^must lie in \[fraction_low, fraction_high\]$/, () => "phải nằm trong khoảng [fraction_low, fraction_high]"],
  [/^must have the sign of fraction \(a saving positive, an increase negative\), got (\S+) with fraction (\S+)$/,
    (m) => "phải cùng dấu với fraction (tiết kiệm là số dương, tăng là số âm), nhận được " + m[1] + " với fraction " + m[2]],
  [/^name both the EnPI and its baseline version, or neither$/, () => "hãy nêu cả EnPI và phiên bản đường cơ sở của nó, hoặc không nêu cả hai"],
  [/^an EnPI link names both the EnPI and the measure date$/, () => "liên kết EnPI cần nêu cả EnPI và ngày áp dụng giải pháp"],
  [/^only an implemented option links to an EnPI$/, () => "chỉ giải pháp đã thực hiện mới liên kết với EnPI"],
  [/^only an option decided '(.*)' has an implementation date$/, (m) => "chỉ giải pháp được quyết định “" + m[1] + "” mới có ngày thực hiện"],
  [/^must be the name of one of the process_steps$/, () => "phải là tên của một trong các công đoạn (process_steps)"],
  [/^(\S*) is (\w+), not an activity \(workshop, training, study_tour\)$/,
    (m) => m[1] + " thuộc loại “" + m[2] + "”, không phải một hoạt động (workshop, training, study_tour)"],
  [/^(\S+) exists already$/, (m) => m[1] + " đã có"],
  [/^the (\S+) report is submitted already$/, (m) => "báo cáo kỳ " + m[1] + " đã được nộp"],
  [/^the (\S+) report of (\S+) is not submitted$/, (m) => "báo cáo kỳ " + m[1] + " của " + m[2] + " chưa được nộp"],
  [/^name at least one target of (.+)$/, (m) => "hãy nêu ít nhất một chỉ tiêu trong: " + m[1]],
  [/^a yearly saving in VND, (\S+) to (\S+)$/, (m) => "mức tiết kiệm mỗi năm (VND), từ " + m[1] + " đến " + m[2]],
  [/^required: the (site that tracks the resource|product the SEC is per unit of)$/,
    (m) => "bắt buộc: " + (m[1].startsWith("site") ? "nhà máy theo dõi tài nguyên" : "sản phẩm dùng để tính suất tiêu hao (SEC) trên một đơn vị")],
  [/^required \(e\.g\. (.*)\)$/, (m) => "bắt buộc (ví dụ " + m[1] + ")"],
  [/^required for a (plan|CP officer) ?.*$/, (m) => "bắt buộc với " + (m[1] === "plan" ? "một kế hoạch" : "cán bộ SXSH (mã của họ trong sổ đăng ký chương trình)")],
  [/^energy resource (\S+) names its carrier \(as in the conversion table\)$/,
    (m) => "tài nguyên năng lượng " + m[1] + " cần nêu dạng năng lượng (theo tên trong bảng quy đổi)"],
  [/^a metered resource names both its meter and the meter's counter channel$/,
    () => "tài nguyên đo bằng công tơ cần nêu cả công tơ và kênh đếm của công tơ"],
  [/^does not match the API document: (.*)$/, (m) => "không đúng tài liệu API: " + m[1]],
  // a request out of the caller's scope (403), as the answer and the audit log say it
  [/^(enterprise|district|park) out of scope$/,
    (m) => ({ enterprise: "doanh nghiệp", district: "huyện", park: "khu công nghiệp" })[m[1]] + " nằm ngoài phạm vi được giao cho tài khoản"],
  [/^read-only token$/, () => "khoá truy cập chỉ đọc: không được thay đổi dữ liệu"],
  // a weather baseline no change-point form fits: each form's reason (their own rules above)
  [/^no change-point model can be fitted to the baseline: (.*)$/,
    (m) => "không khớp được mô hình điểm gãy nào với số liệu kỳ cơ sở: " + m[1]
      .replace(/(changepoint-[\w-]+) not fitted: (changepoint-[\w-]+ model: [^;]*; at least \d+ are needed|[^;]*)/g,
        (_, form, why) => modelName(form) + " không khớp được: " + refusalReason(null, why))
      .replace(/(changepoint-[\w-]+): no balance point gives a non-singular model over the baseline/g,
        (_, form) => modelName(form) + ": không điểm cân bằng nào cho mô hình không suy biến trong kỳ cơ sở")
      .replace(/(changepoint-[\w-]+) rejected: no balance point gives physically signed slopes/g,
        (_, form) => modelName(form) + " bị loại: không điểm cân bằng nào cho hệ số góc đúng dấu vật lý")]
];

/** JSON kinds as a refusal names them ("must be a list, got text"). */
const KIND_VI = {
  "text": "văn bản", "an object": "một đối tượng JSON", "a list": "một danh sách", "a number": "một số",
  "true or false": "giá trị đúng/sai"
};

/** A role's name (system_admin → "Quản trị hệ thống"), as the tokens page names it. */
function roleName(r) {
  return has("tok.role." + r) ? t("tok.role." + r) : r;
}

/**
 * What a query parameter's schema asks for, as a refusal adds it after the rule broken ("; expected
 * a date YYYY-MM-DD", auth.ExpectedWords), in Vietnamese words.
 */
function expectedWords(what) {
  const got = what.match(/^(.*), got '(.*)'$/);
  if (got) return expectedWords(got[1]) + ", nhận được “" + got[2] + "”";
  const each = what.match(/^each (.+)$/);
  if (each) return "mỗi phần tử là " + expectedWords(each[1]);
  const rules = [
    [/^one of (.+)$/, m => "một trong: " + m[1]],
    [/^a date YYYY-MM-DD$/, () => "một ngày dạng YYYY-MM-DD"],
    [/^an instant such as (\S+)$/, m => "một thời điểm, ví dụ " + m[1]],
    [/^(an integer|a number) from (\S+) to (\S+)$/, m => (m[1] === "an integer" ? "một số nguyên" : "một số") + " từ " + m[2] + " đến " + m[3]],
    [/^(an integer|a number)( of at least (\S+))?( of at most (\S+))?$/, m => (m[1] === "an integer" ? "một số nguyên" : "một số")
      + (m[3] != null ? " không nhỏ hơn " + m[3] : "") + (m[5] != null ? (m[3] != null ? " và" : "") + " không lớn hơn " + m[5] : "")],
    [/^text matching (.+)$/, m => "văn bản khớp mẫu " + m[1]]
  ];
  for (const [re, say] of rules) {
    const m = what.match(re);
    if (m) return say(m);
  }
  return what;
}

/** A request field named in the page's language: "ngày hiệu chuẩn (calibrated_on)" on vi pages. */
export function fieldName(parameter) {
  if (lang() !== "vi" || !parameter) return parameter;
  const last = parameter.replace(/\[\d+\]/g, "").split(".").pop();
  return FIELD_VI[last] ? FIELD_VI[last] + " (" + parameter + ")" : parameter;
}

/**
 * A refused field's words in the page's language: "ngày hiệu chuẩn (calibrated_on): bắt buộc" for
 * the API's "calibrated_on: is required"; what has no Vietnamese words stays as the API said it.
 */
export function refusalWords(parameter, message) {
  if (lang() !== "vi" || !message) return message;
  const field = fieldName(parameter) || "";
  return (field ? field + ": " : "") + refusalReason(parameter, message);
}

/**
 * A refusal's reason without the field it names ("calibrated_on: " taken off), in the page's
 * language where it has the words: for what no field was typed into (a deletion's refusal).
 */
export function refusalReason(parameter, message) {
  if (!message) return message;
  const prefix = parameter ? parameter + ": " : "";
  const rest = prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message;
  if (lang() !== "vi") return rest;
  // a query parameter's refusal ends with what its schema asks for: said apart, after the rule
  const hint = rest.match(/^(.*); expected (.+)$/);
  if (hint) return refusalReason(null, hint[1]) + "; cần " + expectedWords(hint[2]);
  for (const [re, say] of PHRASES_VI) {
    const m = rest.match(re);
    if (m) return viDays(say(m));
  }
  return viDays(rest);
}

/**
 * A refusal as the audit log recorded it ("listLines GET /api/v1/…/lines: enterprise out of
 * scope", "to: must not be before from (…)"), in Vietnamese words on a Vietnamese page, the
 * operation and path as they are; null where there are none (or the page is in English): the
 * record is then shown as it is.
 */
export function recordedRefusal(detail) {
  if (lang() !== "vi" || !detail) return null;
  const request = detail.match(/^(\w+ [A-Z]+ \S+): (.+)$/s);
  const field = request ? null : detail.match(/^([A-Za-z_][\w.\[\]]*): (.+)$/s);
  const rest = request ? request[2] : field ? field[2] : detail;
  const said = refusalReason(null, rest);
  if (said === viDays(rest)) return null;
  return (request ? request[1] + ": " : field ? fieldName(field[1]) + ": " : "") + said;
}

/** The calendar days (2026-11-07) of a message as a Vietnamese page writes them (07/11/2026). */
function viDays(s) {
  return s.replace(/(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])/g, d => {
    const parsed = new Date(d + "T00:00:00Z");
    // a day that is not one (2026-02-30, quoted back in a refusal) stays as it was typed
    // (and a year before 1000, as a bad value quoted back, is not written 01/01/1)
    return d >= "1000" && !isNaN(parsed) && parsed.toISOString().slice(0, 10) === d ? date(d) : d;
  });
}

/**
 * What a saving's {@code verification} says of itself: the period's status once an auditor signed
 * it off ("Period status: to be re-verified · verified on 3/12/2026, before the data changed"),
 * else its baseline's ("Baseline status: approved", as trends says it); {@code baselineStatus}
 * when the answer has no status of its own.
 */
export function verificationText(v, baselineStatus) {
  const status = v.status || baselineStatus;
  const periodLevel = status === "verified" || status === "to_be_reverified";
  const s = t(periodLevel ? "verify.period.status" : "verify.status", { status: t("baseline.status." + status) });
  return v.verified_at ? s + " · " + periodVerifiedText(v) : s;
}

/**
 * When an auditor signed the period off ("period verified on 3/12/2026"; "verified on 3/12/2026,
 * before the data changed" once it is to be re-verified), or that nobody did.
 */
export function periodVerifiedText(v) {
  if (!v.verified_at) return t("verify.period.not");
  return t(v.status === "to_be_reverified" ? "verify.period.before" : "verify.period", { date: date(v.verified_at) });
}

/** A model form in words ("ols" → "hồi quy tuyến tính"), as the verification page's list names it. */
export function modelName(m) {
  return m && has("ver.fit.model." + m) ? t("ver.fit.model." + m) : m;
}

/** A reporting period "2026-H1" in words: the first half of 2026 (the whole year for "2026"). */
export function periodText(p) {
  const year = p.substring(0, 4);
  return t(p.endsWith("H1") ? "programme.period.h1" : p.endsWith("H2") ? "programme.period.h2" : "programme.period.year", { year });
}

export function date(v) {
  if (!v) return t("value.none");
  // a day is a calendar date: formatted as it is, whatever the zone
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const d = isDay ? new Date(v + "T00:00:00Z") : new Date(v);
  return new Intl.DateTimeFormat(locale(), { day: "2-digit", month: "2-digit", year: "numeric", timeZone: isDay ? "UTC" : zone }).format(d);
}

export function dateTime(v) {
  if (!v) return t("value.none");
  return new Intl.DateTimeFormat(locale(), {
    day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: zone,
  }).format(new Date(v));
}

export function time(v) {
  if (!v) return t("value.none");
  return new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: zone }).format(new Date(v));
}
