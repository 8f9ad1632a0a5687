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
  "co2.gridyear": ["hệ số lưới {year}", "grid factor {year}"],
  "series.flow": ["Lưu lượng TB", "Mean flow"],
  "series.volume": ["Thể tích", "Volume"],
  "series.rate": ["Trung bình", "Mean"],
  "trends.power.gas": ["Lưu lượng và thể tích theo khoảng", "Flow and interval volume"],
  "summary.rate": ["{what}: thấp nhất {min} {unit}, cao nhất {max} {unit}, trung bình {avg} {unit}; tổng {total} {qunit}.", "{what}: lowest {min} {unit}, highest {max} {unit}, mean {avg} {unit}; total {total} {qunit}."],
  "summary.secmodel": ["SEC trung bình {avg} {unit}; mô hình cơ sở ở cùng sản lượng {base} {unit}.", "Mean SEC {avg} {unit}; baseline model at the same output {base} {unit}."],
  "sec.derived": ["(tính từ bộ đếm)", "(derived from the counter)"],
  "app.title": ["EnergyTrace", "EnergyTrace"],
  "programme.title": ["Chương trình sản xuất sạch hơn của tỉnh", "The province's cleaner-production programme"],
  "programme.district": ["Huyện / thành phố", "District"],
  "programme.sector": ["Ngành (VSIC)", "Sector (VSIC)"],
  "programme.stage": ["Giai đoạn SXSH", "CP stage"],
  "programme.asof": ["Tính đến ngày", "As of"],
  "programme.asof.text": ["Tính đến ngày {date}", "As of {date}"],
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
  "programme.count": ["{n} trên {all} cơ sở", "{n} of {all} facilities"],
  "programme.fraction": ["{n} trên {d}", "{n} of {d}"],
  "programme.target": ["mục tiêu {target}", "target {target}"],
  "programme.ind.aware": ["Cơ sở nhận thức về SXSH", "Facilities aware of CP"],
  "programme.ind.applying": ["Cơ sở có tiềm năng đang áp dụng SXSH", "Facilities with potential applying CP"],
  "programme.ind.saving8": ["Tiết kiệm ≥ 8 % (đã thẩm định)", "Saving ≥ 8 % (verified)"],
  "programme.ind.saving13": ["Tiết kiệm ≥ 13 % (đã thẩm định)", "Saving ≥ 13 % (verified)"],
  "programme.ind.saving8.indicative": ["Tiết kiệm ≥ 8 % (ước tính, chưa thẩm định)", "Saving ≥ 8 % (indicative, not verified)"],
  "programme.ind.officers": ["Cán bộ SXSH được đào tạo", "CP officers trained"],
  "programme.map": ["Bản đồ các cơ sở", "Map of the facilities"],
  "programme.map.intro": ["Vị trí theo tọa độ trong sổ đăng ký, màu theo huyện/thành phố; bấm vào một điểm để xem hồ sơ.", "Positions from the registry's coordinates, coloured by district; click a point to see the profile."],
  "programme.map.count": ["{n} cơ sở trên bản đồ", "{n} facilities on the map"],
  "programme.map.missing": ["{n} cơ sở chưa có tọa độ", "{n} facilities without coordinates"],
  "programme.timeline": ["Quá trình SXSH", "CP lifecycle"],
  "programme.officers": ["Cán bộ SXSH", "CP officers"],
  "programme.recorded": ["ghi nhận bởi {who} lúc {at}", "recorded by {who} at {at}"],
  "programme.evidence": ["Minh chứng", "Evidence"],
  "programme.after": ["sau ngày tính", "after the as-of date"],
  "programme.nosteps": ["Chưa có bước nào được ghi nhận.", "No step recorded yet."],
  "programme.trained": ["đã được đào tạo", "trained"],
  "programme.untrained": ["chưa được đào tạo", "not trained"],
  "programme.notcompleted": ["chưa hoàn thành", "not completed"],
  "programme.detail.workshop": ["hội thảo", "workshop"],
  "programme.detail.visit": ["thăm quan", "visit"],
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
  "stage.savings_verified": ["tiết kiệm đã thẩm định", "savings verified"],
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
  "savings.band": ["khoảng tin cậy 90 %", "90 % confidence band"],
  "res.title": ["Tài nguyên trên đơn vị sản phẩm: năng lượng, nước, nguyên liệu", "Resources per unit of product: energy, water, materials"],
  "res.none": ["Chưa khai báo tài nguyên nào (nước, nhiên liệu, nguyên liệu) cho doanh nghiệp này.", "No resources (water, fuels, materials) are declared for this enterprise yet."],
  "res.noenpi": ["Cần một EnPI có sản phẩm và đường cơ sở để tính suất tiêu hao theo tài nguyên", "An EnPI with a product and a baseline is needed for the consumption per resource"],
  "res.intro": ["Trên mỗi đơn vị {product}: kỳ cơ sở {from} – {to}, so sánh từ {since}.", "Per unit of {product}: baseline {from} – {to}, compared since {since}."],
  "res.kind.energy": ["năng lượng", "energy"],
  "res.kind.water": ["nước", "water"],
  "res.kind.material": ["nguyên liệu", "material"],
  "res.source.meter": ["đo bằng công tơ", "metered"],
  "res.source.entries": ["theo nhập kho / kiểm kê", "from deliveries and stock counts"],
  "res.baseline": ["Kỳ cơ sở", "Baseline"],
  "res.model": ["mô hình", "model"],
  "res.cost": ["Chi phí theo hoá đơn trên đơn vị sản phẩm", "Invoiced cost per unit of product"],
  "res.savings": ["Tiết kiệm", "Saved"],
  "unit.m3": ["m³", "m³"],
  "unit.Nm3": ["Nm³", "Nm³"],
  "target.8": ["Mục tiêu 8 %", "8 % target"],
  "target.13": ["Mục tiêu 13 %", "13 % target"],
  "target.MET": ["đạt", "met"],
  "target.NOT_MET": ["chưa đạt", "not met"],
  "target.INCONCLUSIVE": ["chưa kết luận", "inconclusive"],
  "target.INDICATIVE": ["chỉ mang tính tham khảo, chưa kiểm chứng được", "indicative, not verifiable"],
  "enpi.none": ["Chưa có chỉ số EnPI nào được định nghĩa cho doanh nghiệp này.", "No EnPI is defined for this enterprise yet."],
  "baseline.none": ["Chưa có đường cơ sở.", "No baseline yet."],
  "savings.none": ["Chưa có ngày nào sau biện pháp để tính tiết kiệm.", "No day after the measure to compute savings from yet."],
  "value.none": ["—", "—"],
  "nav.reporting": ["Báo cáo định kỳ", "Period reports"],
  "rep.title": ["Báo cáo định kỳ của chương trình SXSH", "Period reports of the CP programme"],
  "rep.period": ["Kỳ báo cáo", "Reporting period"],
  "rep.noperiod": ["Chưa có kỳ báo cáo nào.", "No reporting period yet."],
  "rep.deadline": ["Hạn nộp", "Deadline"],
  "rep.deadline.text": ["Hạn nộp {date}", "Deadline {date}"],
  "rep.daysleft": ["còn {n} ngày", "{n} days left"],
  "rep.overdue": ["quá hạn {n} ngày", "{n} days overdue"],
  "rep.closed": ["kỳ đã khóa sổ", "period closed"],
  "rep.report.title": ["Báo cáo kỳ {period} · {name}", "Report {period} · {name}"],
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
  "rep.energy": ["Năng lượng theo loại", "Energy by carrier"],
  "rep.enpis": ["Năng lượng, sản lượng và suất tiêu hao (SEC) so với đường cơ sở", "Energy, production and SEC against the baseline"],
  "rep.measures": ["Giải pháp đã áp dụng", "Measures applied"],
  "rep.savings": ["Tiết kiệm trong kỳ", "Savings of the period"],
  "rep.saving.verified": ["đã thẩm định", "verified"],
  "rep.saving.indicative": ["ước tính, chưa thẩm định", "indicative, not verified"],
  "rep.notes": ["Ghi chú của doanh nghiệp", "The enterprise's notes"],
  "rep.save": ["Lưu nháp", "Save draft"],
  "rep.submit": ["Nộp báo cáo", "Submit the report"],
  "rep.reason": ["Lý do", "Reason"],
  "rep.reopen": ["Mở lại báo cáo", "Reopen the report"],
  "rep.none": ["không có", "none"],
  "rep.done": ["Đã lưu.", "Saved."],
  "rep.conflict": ["Không thực hiện được: {message}", "Not done: {message}"],
  "rep.source.declared": ["doanh nghiệp kê khai", "declared"],
  "rep.source.metered": ["đo đếm", "metered"],
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
  "rep.outbox": ["Thư nhắc (hộp thư đi)", "Reminders (outbox)"],
  "rep.outbox.note": ["Chưa cấu hình gửi thư: thư nhắc được ghi lại ở đây.", "No mail sending is configured: reminders are recorded here."],
  "rep.reminder.queued": ["chờ gửi", "queued"],
  "rep.reminder.no_address": ["không có địa chỉ thư", "no e-mail address"],
  "rep.reminder.sent": ["đã gửi", "sent"],
  "rep.col.year": ["Năm", "Year"],
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
  "meter.events": ["Sự kiện bộ đếm (tràn, đặt lại, thay thế)", "Counter events (wraps, resets, replacements)"],
  "meter.gaps": ["Khoảng trống dữ liệu (7 ngày)", "Data gaps (7 days)"],
  "meter.noevents": ["Không có sự kiện bộ đếm.", "No counter events."],
  "meter.nogaps": ["Không có khoảng trống.", "No gaps."],
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
  "trends.power": ["Công suất và điện năng theo khoảng", "Power and interval energy"],
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
  "series.energy": ["Điện năng (kWh)", "Energy (kWh)"],
  "series.sec": ["SEC", "SEC"],
  "series.production": ["Sản lượng", "Production"],
  "series.days": ["Ngày", "Days"],
  "series.model": ["Mô hình cơ sở", "Baseline model"],
  "summary.power": ["Công suất: thấp nhất {min} kW, cao nhất {max} kW, trung bình {avg} kW; điện năng {energy} kWh.", "Power: lowest {min} kW, highest {max} kW, mean {avg} kW; energy {energy} kWh."],
  "summary.sec": ["SEC trung bình {avg} {unit}; đường cơ sở {base} {unit}.", "Mean SEC {avg} {unit}; baseline {base} {unit}."],
  "summary.empty": ["Không có dữ liệu trong kỳ này.", "No data in this period."],
  "kind.counter": ["bộ đếm", "counter"],
  "kind.gauge": ["tức thời", "gauge"],
  "event.wrap": ["tràn bộ đếm", "wrap"],
  "event.reset": ["đặt lại", "reset"],
  "event.replacement": ["thay công tơ", "replacement"],
  "event.ct_ratio": ["đổi tỉ số CT", "CT ratio change"],
  "unit.min": ["phút", "min"],
  "unit.pcs": ["sp", "pcs"],
  "unit.HLT": ["hl", "hl"],
  "summary.scatter": ["{base} ngày kỳ cơ sở và {cur} ngày của kỳ đang xem.", "{base} baseline days and {cur} days of the period shown."],
  "summary.production": ["Sản lượng: {total} {unit}.", "Production: {total} {unit}."],
  "enpiname.Plant energy per unit (electricity + gas)": ["Năng lượng nhà máy trên mỗi sản phẩm (điện + khí đốt)", "Plant energy per unit (electricity + gas)"],
  "enpiname.Plant electricity per unit": ["Điện năng nhà máy trên mỗi sản phẩm", "Plant electricity per unit"],
  "live.page.title": ["EnergyTrace — giá trị mới nhất của các công tơ", "EnergyTrace — latest meter values"],
  "col.enterprise": ["Doanh nghiệp", "Enterprise"],
  "live.empty": ["Chưa có số đo nào.", "No readings yet."],
  "live.updates": ["Cập nhật trực tiếp qua /api/v1/live (Server-Sent Events).", "Updates live via /api/v1/live (Server-Sent Events)."],
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
  "showcase.secsummary": ["Trước biện pháp SEC trung bình {before} {unit}; sau biện pháp {after} {unit}, mô hình cơ sở ở cùng sản lượng {base} {unit}.", "Before the measure mean SEC {before} {unit}; after it {after} {unit}, baseline model at the same output {base} {unit}."],
  "showcase.res.title": ["Nước, nhiên liệu và nguyên liệu trên mỗi đơn vị {product}", "Water, fuels and materials per unit of {product}"],
  "showcase.res.before": ["Trước {base} {unit}", "Before {base} {unit}"],
  "showcase.res.saved": ["tiết kiệm {saved} {own} ({fraction}) kể từ {date}", "{saved} {own} saved ({fraction}) since {date}"],
  "showcase.res.band": ["khoảng tin cậy {c} %: {low} – {high} {own}", "{c} % band: {low} – {high} {own}"],
  "showcase.res.verifiable": ["kiểm chứng được, đường cơ sở của kiểm toán viên", "verifiable, baseline approved by an auditor"],
  "showcase.res.none": ["Chưa có tài nguyên nào của nhà máy có đường cơ sở được phê duyệt.", "No resource of the site has an approved baseline yet."],
  "verify.verified": ["Đã xác minh", "Verified"],
  "verify.indicative": ["Mang tính tham khảo – chưa xác minh", "Indicative – not verified"],
  "verify.approved.auditor": ["đường cơ sở được kiểm toán viên phê duyệt {date}", "baseline approved by an auditor on {date}"],
  "verify.approved.enterprise": ["đường cơ sở do doanh nghiệp phê duyệt {date}, chưa qua kiểm toán viên", "baseline approved by the enterprise on {date}, not by an auditor"],
  "verify.notapproved": ["đường cơ sở chưa được phê duyệt", "baseline not approved"],
  "verify.period": ["kỳ báo cáo được xác minh {date}", "period verified on {date}"],
  "verify.period.not": ["kỳ báo cáo chưa được xác minh", "period not verified"],
  "verify.verified.reservations": ["Đã xác minh (có bảo lưu)", "Verified with reservations"],
  "verify.notverifiable": ["chỉ mang tính tham khảo, chưa thể kiểm chứng", "indicative, not verifiable"],
  "verify.failed": ["không đạt: {flags}", "failed checks: {flags}"],
  "check.data_sufficient": ["chưa đủ một năm dữ liệu cơ sở", "less than a year of baseline data"],
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
  "savings.split": ["thường xuyên {routine} + điều chỉnh không thường xuyên {nonroutine} {unit}", "routine {routine} + non-routine {nonroutine} {unit}"],
  "login.title": ["Đăng nhập", "Sign in"],
  "login.username": ["Tên đăng nhập", "Username"],
  "login.password": ["Mật khẩu", "Password"],
  "login.submit": ["Đăng nhập", "Sign in"],
  "login.failed": ["Tên đăng nhập hoặc mật khẩu không đúng.", "Invalid username or password."],
  "login.throttled": ["Quá nhiều lần thử. Vui lòng thử lại sau.", "Too many attempts. Please try again later."],
  "login.mustchange": ["Bạn phải đổi mật khẩu ban đầu trước khi tiếp tục (POST /api/v1/auth/password).", "You must change your initial password first (POST /api/v1/auth/password)."],
  "enterprise.pick": ["Doanh nghiệp", "Enterprise"],
  "updated": ["Cập nhật {time}", "Updated {time}"],
  "err.notfound.meter": ["Không tìm thấy công tơ “{meter}” của doanh nghiệp “{enterprise}”.", "Meter “{meter}” of enterprise “{enterprise}” was not found."],
  "err.notfound": ["Không tìm thấy: trang yêu cầu một doanh nghiệp, công tơ hoặc kỳ không tồn tại.", "Not found: the page asked for an enterprise, meter or period that does not exist."],
  "err.forbidden": ["Bạn không có quyền xem dữ liệu này.", "You may not see this data."],
  "err.signin": ["Vui lòng đăng nhập để xem trang này.", "Please sign in to see this page."],
  "err.bad": ["Yêu cầu không hợp lệ: {message}", "Invalid request: {message}"],
  "err.unavailable": ["Máy chủ tạm thời không phản hồi. Vui lòng thử lại.", "The server is temporarily unavailable. Please try again."],
  "err.network": ["Không kết nối được máy chủ.", "Cannot reach the server."],
  "err.period": ["Kỳ không hợp lệ: ngày bắt đầu phải trước ngày kết thúc.", "Invalid period: the start must be before the end."],
  "err.noenterprise": ["Chọn một doanh nghiệp.", "Choose an enterprise."],
  "cp.title": ["Sản xuất sạch hơn trong tỉnh", "Cleaner production in the province"],
  "cp.intro": ["Tin tức, hoạt động, kế hoạch hằng năm và các giải pháp đã được thẩm định của chương trình sản xuất sạch hơn.", "News, activities, yearly plans and verified measures of the cleaner-production programme."],
  "cp.activities": ["Tin tức và hoạt động", "News and activities"],
  "cp.plans": ["Kế hoạch SXSH hằng năm", "Yearly CP plans"],
  "cp.catalogue": ["Danh mục giải pháp đã thẩm định", "Catalogue of verified measures"],
  "cp.aggregates": ["Theo ngành và loại giải pháp", "By sector and option type"],
  "cp.none": ["Chưa có nội dung được công bố.", "Nothing published yet."],
  "cpa.title": ["Đánh giá sản xuất sạch hơn", "Cleaner-production assessments"],
  "cpa.list": ["Các đánh giá", "Assessments"],
  "cpa.none": ["Chưa có đánh giá nào.", "No assessment yet."],
  "cpa.col.enterprise": ["Doanh nghiệp", "Enterprise"],
  "cpa.col.assessment": ["Đánh giá", "Assessment"],
  "cpa.col.status": ["Trạng thái", "Status"],
  "cpa.col.options": ["Giải pháp đã thực hiện", "Options implemented"],
  "cpa.col.saving": ["Tiết kiệm/năm", "Saving per year"],
  "cpa.col.code": ["Mã", "Code"],
  "cpa.col.decision": ["Quyết định", "Decision"],
  "cpa.steps": ["Các bước của phương pháp", "Steps of the method"],
  "cpa.options": ["Các giải pháp", "Options"],
  "cpa.report": ["Tải báo cáo", "Download the report"],
  "cpa.pending": ["chờ thẩm định", "pending verification"],
  "cpa.indicative": ["tham khảo, chưa thẩm định", "indicative, not verified"],
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
  "cpe.col.attendees": ["Người tham dự đã ghi", "Attendees recorded"],
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
  "cpe.cites.ids": ["Mã giải pháp trong danh mục (cách nhau bởi dấu phẩy)", "Catalogue entry ids (comma separated)"],
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
  "cp.download": ["Tải về (PDF)", "Download (PDF)"],
  "cp.col.period": ["Kỳ báo cáo", "Period"],
  "cp.col.facilities": ["Số cơ sở", "Facilities"],
  "cp.col.aware": ["Đã biết về SXSH", "Aware of CP"],
  "cp.col.applying": ["Đang áp dụng SXSH", "Applying CP"],
  "cp.col.trained": ["Cán bộ SXSH đã đào tạo", "CP officers trained"],
  "cp.col.toe": ["Năng lượng tiết kiệm đã thẩm định (TOE)", "Verified energy saved (TOE)"],
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
  "cp.col.saving": ["Tiết kiệm đã thẩm định", "Verified saving"],
  "cp.col.payback": ["Hoàn vốn", "Payback"],
  "cp.col.entries": ["Số giải pháp", "Entries"],
  "cp.col.median.saving": ["Trung vị tiết kiệm", "Median saving"],
  "cp.col.median.payback": ["Trung vị hoàn vốn", "Median payback"],
  "cp.type.good_housekeeping": ["Quản lý nội vi", "Good housekeeping"],
  "cp.type.input_substitution": ["Thay đổi nguyên liệu đầu vào", "Input material change"],
  "cp.type.better_process_control": ["Kiểm soát quá trình tốt hơn", "Better process control"],
  "cp.type.equipment_modification": ["Cải tiến thiết bị", "Equipment modification"],
  "cp.type.technology_change": ["Thay đổi công nghệ", "Technology change"],
  "cp.type.onsite_recovery": ["Tuần hoàn, tái sử dụng tại chỗ", "On-site recovery and reuse"],
  "cp.type.useful_byproducts": ["Sản xuất sản phẩm phụ hữu ích", "Production of useful by-products"],
  "cp.type.product_modification": ["Cải tiến sản phẩm", "Product modification"],
  "err.notpublished": ["Nhà máy này không có trên trang trưng bày.", "This site is not on the showcase."],
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
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ""));
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

export function money(v, currency) {
  if (v == null) return t("value.none");
  return new Intl.NumberFormat(locale(), { style: "currency", currency, maximumFractionDigits: 0 }).format(Number(v));
}

// the zone dates and times are shown in: the site's (setZone), never the browser's
let zone;

/** Shows dates and times in this IANA zone from now on (the site's, from the API). */
export function setZone(z) { zone = z || undefined; }

/** A date (vi-VN: dd/MM/yyyy). Accepts an ISO instant (shown in the site's zone) or a yyyy-MM-dd day. */
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
