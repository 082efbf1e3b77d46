// Draws the daily cost trend: one bar per day and the 7-day rolling average as a line.
(function () {
    const element = document.getElementById('cost-trend');
    if (!element || typeof echarts === 'undefined') {
        return;
    }
    const trend = JSON.parse(element.dataset.trend || '{"points": []}');
    const points = trend.points || [];
    if (points.length === 0) {
        element.classList.add('hidden');
        return;
    }
    const dates = points.map(p => p.date);
    const costs = points.map(p => Number(p.cost));
    const rolling = costs.map((_, i) => {
        const window = costs.slice(Math.max(0, i - 6), i + 1);
        return Math.round(window.reduce((a, b) => a + b, 0) / window.length * 100) / 100;
    });
    const money = new Intl.NumberFormat(undefined, {style: 'currency', currency: trend.currency || 'USD'});
    const chart = echarts.init(element);
    chart.setOption({
        tooltip: {trigger: 'axis', valueFormatter: value => money.format(value)},
        legend: {data: ['Daily cost', '7-day average']},
        grid: {left: 60, right: 20, top: 40, bottom: 40},
        xAxis: {type: 'category', data: dates},
        yAxis: {type: 'value', axisLabel: {formatter: value => money.format(value)}},
        series: [
            {name: 'Daily cost', type: 'bar', data: costs, itemStyle: {color: '#4285F4'}},
            {name: '7-day average', type: 'line', data: rolling, smooth: true, showSymbol: false,
                itemStyle: {color: '#FF6C5E'}}
        ]
    });
    element.dataset.rendered = 'true';
    window.addEventListener('resize', () => chart.resize());
})();
